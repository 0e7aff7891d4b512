"""core.warmup compiles every template ahead, so a fresh web worker renders from memory."""

from django.template import engines

from giamngheo.core.warmup import warm


def _cached(engine) -> set[str]:
    names = set()
    for loader in engine.engine.template_loaders:
        for key in getattr(loader, "get_template_cache", {}):
            names.add(key)
    return names


def test_every_template_is_compiled_and_kept():
    engine = engines["django"]
    for loader in engine.engine.template_loaders:
        loader.reset()
    assert "base.html" not in _cached(engine)
    result = warm()
    cached = _cached(engine)
    assert result["templates"] > 100
    for name in ("base.html", "site/home.html", "households/household_list.html"):
        assert name in cached
