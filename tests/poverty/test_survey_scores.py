"""Classification from the survey-form (phiếu B) scores, thresholds as data."""

import pytest

from giamngheo.poverty import (
    STANDARD_2016_2020,
    STANDARD_2022_2025,
    STANDARD_2027_2030,
    Area,
    Category,
    classify_scores,
)

R, U = Area.RURAL, Area.URBAN
POOR, NEAR, NOT, UNK = Category.POOR, Category.NEAR_POOR, Category.NOT_POOR, Category.UNKNOWN


@pytest.mark.parametrize(
    ("area", "a", "b", "expected"),
    [
        (R, 140, 30, POOR),
        (R, 140, 20, NEAR),
        (R, 141, 90, NOT),
        (U, 175, 30, POOR),
        (U, 175, 29, NEAR),
        (U, 176, 30, NOT),
        (R, None, 30, UNK),
    ],
)
def test_2022_2026_score_a_and_b(area, a, b, expected):
    result = classify_scores(STANDARD_2022_2025, area=area, score_a=a, score_b=b)
    assert result.category is expected


def test_score_b_is_ten_points_per_deprived_indicator():
    result = classify_scores(
        STANDARD_2022_2025,
        area=R,
        score_a=100,
        deprived_indicators=["water_source", "latrine", "floor_area"],
    )
    assert result.category is POOR
    assert "điểm B 30" in result.explanation
    assert (
        classify_scores(STANDARD_2022_2025, area=R, score_a=100, deprived_indicators=2).category
        is NEAR
    )


@pytest.mark.parametrize(
    ("area", "b1", "b2", "expected"),
    [
        (R, 120, 0, POOR),
        (R, 121, 30, POOR),
        (R, 121, 20, NEAR),
        (R, 150, 30, POOR),
        (R, 150, 29, NEAR),
        (R, 151, 100, NOT),
        (U, 140, 0, POOR),
        (U, 141, 30, POOR),
        (U, 175, 20, NEAR),
        (U, 176, 30, NOT),
    ],
)
def test_2016_2021_scores_b1_and_b2(area, b1, b2, expected):
    result = classify_scores(STANDARD_2016_2020, area=area, score_a=b1, score_b=b2)
    assert result.category is expected


def test_thresholds_live_on_the_standard():
    (band,) = STANDARD_2022_2025.survey_scoring.bands
    assert dict(band.lines) == {R: 140, U: 175} and band.min_deprivations == 30
    assert STANDARD_2022_2025.survey_scoring.points_per_deprivation == 10


def test_no_scoring_rules_yet_for_2027_2030():
    with pytest.raises(ValueError, match="phiếu B"):
        classify_scores(STANDARD_2027_2030, area=R, score_a=1, score_b=1)


def test_score_b_or_deprivations_is_required():
    with pytest.raises(ValueError):
        classify_scores(STANDARD_2022_2025, area=R, score_a=1)
