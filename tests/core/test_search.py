import pytest

from giamngheo.core.search import fold, search
from giamngheo.geo.models import Level, Unit


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn A", "nguyen van a"),
        ("ĐẶNG THỊ ĐÀO", "dang thi dao"),
        ("Xã  Tu Mơ Rông", "xa tu mo rong"),
        ("Đăk Pxi", "dak pxi"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_strips_every_vietnamese_mark(text, folded):
    assert fold(text) == folded


def test_fold_treats_composed_and_decomposed_input_alike():
    import unicodedata

    name = "Nguyễn Thị Hường"
    assert fold(unicodedata.normalize("NFD", name)) == fold(unicodedata.normalize("NFC", name))


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["tu mo rong", "TU MƠ RÔNG", "mơ rong", "23425"])
def test_search_without_diacritics_finds_the_unit_on_this_database(demo, query):
    found = search(Unit.objects.filter(level=Level.COMMUNE), query)
    assert list(found.values_list("code", flat=True)) == ["23425"]


@pytest.mark.django_db
def test_search_needs_every_word(demo):
    assert not search(Unit.objects.filter(level=Level.COMMUNE), "tu mo rong kon").exists()
