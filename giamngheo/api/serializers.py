from rest_framework import serializers

from giamngheo.accounts.personal_data import citizen_id_for
from giamngheo.geo.models import Unit
from giamngheo.households.models import Household, Member, StatusRecord


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Unit
        fields = ["code", "name", "level", "kind", "area", "parent", "is_active"]


class MemberSerializer(serializers.ModelSerializer):
    citizen_id = serializers.SerializerMethodField()

    class Meta:
        model = Member
        exclude = ["id", "household"]

    def get_citizen_id(self, member) -> str:
        """Full or masked by the caller's role, as on the household page."""
        return citizen_id_for(
            self.context["request"].user, member.citizen_id, member.household.commune
        )


class StatusRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusRecord
        fields = [
            "status",
            "previous_status",
            "year",
            "standard",
            "decision_number",
            "decision_date",
            "source",
        ]


class HouseholdListSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True)
    village = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Household
        fields = [
            "code", "commune", "village", "head_name", "ethnicity", "status", "status_year",
            "income_per_capita", "assessed_category", "assessed_standard", "deprived_count", "unknown_count",
        ]  # fmt: skip


class HouseholdSerializer(HouseholdListSerializer):
    members = MemberSerializer(many=True, read_only=True)
    status_records = StatusRecordSerializer(many=True, read_only=True)
    deprived_indicators = serializers.SerializerMethodField()
    policy_groups = serializers.SerializerMethodField()

    class Meta(HouseholdListSerializer.Meta):
        fields = HouseholdListSerializer.Meta.fields + [
            "address", "phone", "has_house", "housing_type", "walls_durable", "frame_durable",
            "roof_durable", "floor_area_m2", "water_source", "latrine_type", "any_member_uses_telephone",
            "any_member_uses_internet", "has_television", "has_radio", "has_computer", "has_phone",
            "has_tablet", "hears_public_loudspeaker", "waste_handling", "version", "members",
            "status_records", "deprived_indicators", "policy_groups",
        ]  # fmt: skip

    def get_deprived_indicators(self, household) -> list[str]:
        return [d.indicator for d in household.deprivations.all()]

    def get_policy_groups(self, household) -> list[str]:
        return [t.group for t in household.policy_tags.all()]
