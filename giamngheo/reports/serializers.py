"""The dashboard's shape in the OpenAPI schema (``/api/v1/tong-quan/<code>/``).

The figures are computed by ``dashboard.area_figures``; these serializers only describe and
pass them through, so the API and the page cannot drift apart.
"""

from rest_framework import serializers

F = serializers.FloatField
I = serializers.IntegerField  # noqa: E741
S = serializers.CharField


def _nullable_float(**kw):
    return F(allow_null=True, **kw)


class AreaSerializer(serializers.Serializer):
    code = S()
    name = S()
    level = S()


class CategorySerializer(serializers.Serializer):
    status = S()
    label = S()
    count = I()
    rate = _nullable_float(help_text="Percent of all households of the area.")


class _StatusCounts(serializers.Serializer):
    POOR = I()
    NEAR_POOR = I()
    ESCAPED_POOR = I()
    ESCAPED_NEAR_POOR = I()
    NOT_LISTED = I()


class _Measures(serializers.Serializer):
    H = _nullable_float(help_text="Alkire–Foster headcount ratio.")
    A = _nullable_float(help_text="Intensity: average deprivation score of the MPI-poor.")
    M0 = _nullable_float(help_text="Adjusted headcount ratio H × A.")
    contribution = _nullable_float(help_text="Contribution to the area's M0 (%).")


class SubAreaSerializer(_StatusCounts, _Measures):
    code = S()
    name = S()
    households = I()
    poor_rate = _nullable_float()
    near_poor_rate = _nullable_float()


class TrendSerializer(_StatusCounts):
    year = I()


class MovementSerializer(serializers.Serializer):
    movement = S(help_text="Movement type relative to the previous list (households.Movement).")
    label = S()
    count = I(help_text="Households with a decision of this movement in the year.")


class AlkireFosterSerializer(serializers.Serializer):
    standard = S()
    standard_name = S()
    k = F(help_text="Dual cut-off on the weighted deprivation score.")
    k_label = S()
    assessed = I(help_text="Households assessed under the standard (the base of H, A, M0).")
    not_assessed = I()
    H = _nullable_float()
    A = _nullable_float()
    M0 = _nullable_float()
    poor = I(help_text="Households poor by Alkire–Foster (score ≥ k).")


class DeprivationSerializer(serializers.Serializer):
    indicator = S()
    name = S()
    poor = I(help_text="Poor households deprived on the indicator.")
    near_poor = I()
    households = I()
    weight = _nullable_float()
    uncensored = _nullable_float()
    censored = _nullable_float()
    contribution = _nullable_float()


class GroupSerializer(_Measures):
    group = S(allow_blank=True)
    label = S()
    households = I()
    share = _nullable_float()


class EthnicitySerializer(serializers.Serializer):
    broad = GroupSerializer(many=True, help_text="Kinh / ethnic minorities / not recorded.")
    groups = GroupSerializer(many=True, help_text="Each ethnic group (code of 1019/QĐ-TCTK).")


class ChildrenSerializer(serializers.Serializer):
    children = I()
    listed = I()
    no_insurance = I()
    malnourished = I()
    out_of_school = I()


class RequestsSerializer(serializers.Serializer):
    waiting = I()
    overdue = I()


class CollaboratorsSerializer(serializers.Serializer):
    in_post = I()
    reports_missing = I()
    period = S()


class ClubsSerializer(serializers.Serializer):
    clubs = I()
    meetings_held = I()
    year = I()


class DashboardSerializer(serializers.Serializer):
    area = AreaSerializer()
    sub_level = S(allow_null=True)
    households = I()
    categories = CategorySerializer(many=True)
    sub_areas = SubAreaSerializer(many=True)
    trend = TrendSerializer(many=True)
    year = I()
    movements = MovementSerializer(many=True)
    alkire_foster = AlkireFosterSerializer()
    deprivations = DeprivationSerializer(many=True)
    ethnicity = EthnicitySerializer()
    children = ChildrenSerializer()
    requests = RequestsSerializer()
    collaborators = CollaboratorsSerializer()
    clubs = ClubsSerializer()
    as_of = serializers.DateTimeField(help_text="When the figures were computed (they are cached).")
