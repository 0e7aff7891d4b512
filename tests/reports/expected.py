"""Every figure of the small commune's 2025 reports, worked out by hand from conftest.FACTS.

Each entry is ``column key: (Thôn Hai, Thôn Một, total)``; a column not listed is 0 in every
row. Percentages are of the row's households (reports 1–3) or of the row's listed households
(reports 5, 7).
"""

HAI, MOT = "9990102", "9990101"

EXPECTED = {
    1: {
        "total": (5, 5, 10),
        "poor": (2, 2, 4), "poor_pct": (40.0, 40.0, 40.0),  # H04 H05 | H01 H03
        "near": (1, 1, 2), "near_pct": (20.0, 20.0, 20.0),  # H06 | H08
        "escaped": (0, 1, 1), "escaped_pct": (0.0, 20.0, 10.0),  # H02 escaped in June
        "escaped_near": (0, 1, 1), "escaped_near_pct": (0.0, 20.0, 10.0),  # H09
        "average": (1, 0, 1), "average_pct": (20.0, 0.0, 10.0),  # H10
    },
    2: {
        "start": (2, 2, 4),  # H06 H07 | H01 H02 on 31/12/2024
        "dec": (2, 1, 3),
        "dec_escaped_poor": (0, 1, 1),  # H02
        "dec_poor_to_near_poor": (1, 0, 1),  # H06
        "dec_moved_out": (1, 0, 1),  # H07
        "inc": (2, 1, 3),
        "inc_newly_poor": (2, 0, 2),  # H04, H05 (from near-poor)
        "inc_fallen_back": (0, 1, 1),  # H03 (tái nghèo)
        "end": (2, 2, 4),
        "start_pct": (40.0, 40.0, 40.0),
        "end_pct": (40.0, 40.0, 40.0),
    },
    3: {
        "start": (1, 1, 2),  # H05 | H09
        "dec": (1, 1, 2),
        "dec_escaped_near_poor": (0, 1, 1),  # H09
        "dec_to_poor": (1, 0, 1),  # H05
        "inc": (1, 1, 2),
        "inc_from_poor": (1, 0, 1),  # H06
        "inc_moved_in": (0, 1, 1),  # H08
        "end": (1, 1, 2),
        "start_pct": (20.0, 20.0, 20.0),
        "end_pct": (20.0, 20.0, 20.0),
    },
    4: {
        "listed": (2, 2, 4),
        "health_insurance": (1, 1, 2),  # H04 | H01
        "nutrition": (0, 1, 1),  # H01
        "employment": (0, 1, 1), "housing_quality": (0, 1, 1), "floor_area": (0, 1, 1),  # H03
        "d1": (1, 0, 1), "d2": (0, 1, 1), "d3": (0, 1, 1),  # H04 (1), H01 (2), H03 (3)
    },
    5: {
        "listed": (2, 2, 4),
        "health_insurance_pct": (50.0, 50.0, 50.0),
        "nutrition_pct": (0.0, 50.0, 25.0),
        "employment_pct": (0.0, 50.0, 25.0),
        "housing_quality_pct": (0.0, 50.0, 25.0),
        "floor_area_pct": (0.0, 50.0, 25.0),
        "d1_pct": (50.0, 0.0, 25.0), "d2_pct": (0.0, 50.0, 25.0), "d3_pct": (0.0, 50.0, 25.0),
    },
    6: {
        "listed": (1, 1, 2),  # H06 | H08
        "latrine": (1, 1, 2), "water_source": (0, 1, 1), "telecom_use": (0, 1, 1),
        "information_means": (0, 1, 1), "housing_quality": (0, 1, 1),
        "d1": (1, 0, 1), "d5": (0, 1, 1),
    },
    7: {
        "listed": (1, 1, 2),
        "latrine_pct": (100.0, 100.0, 100.0), "water_source_pct": (0.0, 100.0, 50.0),
        "telecom_use_pct": (0.0, 100.0, 50.0), "information_means_pct": (0.0, 100.0, 50.0),
        "housing_quality_pct": (0.0, 100.0, 50.0),
        "d1_pct": (100.0, 0.0, 50.0), "d5_pct": (0.0, 100.0, 50.0),
    },
    8: {
        "poor": (2, 2, 4),
        "poor_no_working_capacity": (0, 1, 1), "poor_person_of_merit": (0, 1, 1),
        "poor_social_protection": (0, 1, 1),
        "poor_need_health": (1, 0, 1), "poor_need_production": (0, 1, 1),
        "poor_need_credit": (0, 1, 1),
        "near": (1, 1, 2),
        "near_no_working_capacity": (1, 0, 1), "near_need_housing": (1, 0, 1),
        "near_need_education": (0, 1, 1), "near_need_other": (0, 1, 1),
    },
    9: {
        "poor": (2, 2, 4), "poor_kinh": (1, 0, 1), "poor_minority": (1, 2, 3),
        "near": (1, 1, 2), "near_kinh": (1, 0, 1), "near_minority": (0, 1, 1),
        "poor_e01": (1, 0, 1), "near_e01": (1, 0, 1), "poor_e12": (1, 0, 1),
        "poor_e16": (0, 2, 2), "near_e18": (0, 1, 1), "near_e12": (0, 0, 0),
        "near_e16": (0, 0, 0), "poor_e18": (0, 0, 0),
    },
    10: {
        "poor": (2, 2, 4), "poor_no_land": (0, 1, 1), "poor_no_capital": (1, 1, 2),
        "poor_illness": (0, 1, 1), "poor_no_labour": (0, 1, 1),
        "near": (1, 1, 2), "near_no_skills": (1, 0, 1),
    },
    11: {
        "poor": (1, 2, 3),  # children of H04 | H01, H03
        "poor_no_insurance": (1, 1, 2), "poor_nutrition": (1, 1, 2), "poor_school": (0, 1, 1),
        "near": (1, 0, 1), "near_no_insurance": (1, 0, 1),  # child of H06
    },
    12: {
        "listed": (2, 2, 4), "minority": (1, 2, 3), "person_of_merit": (0, 1, 1),
        "social_protection": (0, 1, 1), "no_working_capacity": (0, 1, 1), "needs": (1, 1, 2),
        "dep_1_2": (1, 1, 2), "dep_3": (0, 1, 1), "children": (1, 2, 3),
    },
    13: {
        "listed": (1, 1, 2), "minority": (0, 1, 1), "no_working_capacity": (1, 0, 1),
        "needs": (1, 1, 2), "dep_1_2": (1, 0, 1), "dep_3": (0, 1, 1), "children": (1, 0, 1),
    },
}  # fmt: skip

# Reports 14 and 15: households on the list at the end of 2025, by village name then code.
LISTS = {14: ["99901-H06", "99901-H08"], 15: ["99901-H04", "99901-H05", "99901-H01", "99901-H03"]}

# The ethnic groups of report 9's per-group columns: those of the listed households.
ETHNIC_COLUMNS = ["poor_e01", "near_e01", "poor_e12", "near_e12", "poor_e16", "near_e16",
                  "poor_e18", "near_e18"]  # fmt: skip
