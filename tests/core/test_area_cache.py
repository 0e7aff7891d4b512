"""core.area_cache: figures computed once per area and version, a bump per changed path and
its ancestors, and one computation at a time (the others get the previous figures)."""

import threading

from django.core.cache import cache

from giamngheo.core import area_cache


class Counting:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"n": self.calls}


def test_ancestors_of_a_path():
    assert area_cache.ancestors("51/23425/0001/") == ["51/", "51/23425/", "51/23425/0001/"]


def test_computed_once_until_the_area_or_an_area_inside_changes():
    compute = Counting()
    first = area_cache.figures("t", "51/", compute)
    assert area_cache.figures("t", "51/", compute) == first
    assert compute.calls == 1 and "as_of" in first
    area_cache.bump_now(["51/23425/0001/"])  # a village inside the province
    assert area_cache.figures("t", "51/", compute)["n"] == 2
    area_cache.bump_now(["52/"])  # another province
    assert area_cache.figures("t", "51/", compute)["n"] == 2


def test_extra_keys_keep_days_and_languages_apart():
    compute = Counting()
    assert area_cache.figures("t", "51/", compute, "2026-11-29", "vi")["n"] == 1
    assert area_cache.figures("t", "51/", compute, "2026-11-30", "vi")["n"] == 2
    assert area_cache.figures("t", "51/", compute, "2026-11-29", "en")["n"] == 3


def test_while_one_request_computes_the_others_get_the_previous_figures():
    compute = Counting()
    area_cache.figures("t", "51/", compute)
    area_cache.bump_now(["51/"])
    started, release = threading.Event(), threading.Event()

    def slow():
        started.set()
        release.wait(10)
        return {"n": "new"}

    worker = threading.Thread(target=area_cache.figures, args=("t", "51/", slow))
    worker.start()
    started.wait(10)
    assert area_cache.figures("t", "51/", compute)["n"] == 1  # the previous figures, at once
    assert compute.calls == 1
    release.set()
    worker.join()
    assert area_cache.figures("t", "51/", compute)["n"] == "new"


def test_a_failed_computation_lets_the_next_request_compute():
    def broken():
        raise RuntimeError("database went away")

    try:
        area_cache.figures("t", "51/", broken)
    except RuntimeError:
        pass
    assert not [k for k in cache._cache if "computing" in k]  # noqa: SLF001 - locmem's store
    assert area_cache.figures("t", "51/", Counting())["n"] == 1


def test_figures_over_several_units_follow_every_units_version():
    compute = Counting()
    first = area_cache.figures_over("t", ["52/", "51/23425/"], compute)
    assert area_cache.figures_over("t", ["51/23425/", "52/"], compute) == first  # any order
    area_cache.bump_now(["52/11111/"])  # inside one of the units
    assert area_cache.figures_over("t", ["52/", "51/23425/"], compute)["n"] == 2
    area_cache.bump_now(["51/23426/"])  # beside them both
    assert area_cache.figures_over("t", ["52/", "51/23425/"], compute)["n"] == 2
    # One unit alone is another area: figures of its own, the same as figures().
    assert area_cache.figures_over("t", ["52/"], compute)["n"] == 3
    assert area_cache.figures("t", "52/", compute)["n"] == 3
