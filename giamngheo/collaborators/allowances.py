"""The month's allowance sheet: what each contract running in the month is paid."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from giamngheo.accounts.scoping import scoped
from giamngheo.core.periods import Period

from .models import AllowanceRate, Contract
from .selectors import own_work_only


def rate_in_force(day: datetime.date) -> AllowanceRate | None:
    return AllowanceRate.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


@dataclass
class AllowanceLine:
    contract: Contract
    days: int
    amount: int


@dataclass
class AllowanceSheet:
    period: Period
    rate: AllowanceRate | None
    lines: list[AllowanceLine]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def allowance_sheet(user, *, period: Period) -> AllowanceSheet:
    """The month's allowance for each contract that runs in it.

    Amount = contract coefficient × base amount in force on the month's first day,
    pro rata to the days of the month the contract covers, rounded to the đồng (halves
    up). Months are paid whole when the contract covers them whole.
    """
    rate = rate_in_force(period.start)
    contracts = (
        scoped(Contract.objects.all(), user, via="collaborator__commune")
        .filter(starts_on__lte=period.end, ends_on__gte=period.start)
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gte=period.start))
        .select_related("collaborator__commune")
        .order_by("collaborator__commune__name", "collaborator__full_name")
    )
    if own_work_only(user):
        contracts = contracts.filter(collaborator__user=user)
    lines = []
    for contract in contracts:
        first = max(contract.starts_on, period.start)
        last = min(contract.last_day, period.end)
        days = (last - first).days + 1
        amount = 0
        if rate is not None:
            exact = contract.allowance_coefficient * rate.amount * days / period.days
            amount = int(Decimal(exact).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        lines.append(AllowanceLine(contract=contract, days=days, amount=amount))
    return AllowanceSheet(period=period, rate=rate, lines=lines)
