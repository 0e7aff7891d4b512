from django.core.management.base import BaseCommand, CommandError

from giamngheo.accounts.models import User
from giamngheo.collaborators.roster_import import COLUMNS, REQUIRED, import_roster
from giamngheo.core.tabular import RowErrors, read_rows
from giamngheo.geo.models import Level, Unit


class Command(BaseCommand):
    help = (
        "Add a roster of collaborators from an .xlsx or .csv file (Họ và tên, Giới tính, Dân tộc, "
        "Tổ chức, Trình độ, Tỉnh, Huyện, Xã, Xã mới, Thôn, Điện thoại); former units are mapped "
        "to today's communes. Every row is checked first; nothing is saved on any error."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--office", required=True, help="code of the managing unit (province)")
        parser.add_argument("--by", required=True, help="user name recorded in the history")

    def handle(self, *args, file, office, by, **options):
        unit = Unit.objects.filter(code=office, level=Level.PROVINCE).first()
        user = User.objects.filter(username=by).first()
        if unit is None or user is None:
            raise CommandError("Unknown --office province code or --by user name.")
        with open(file, "rb") as fh:
            rows = read_rows(fh, COLUMNS, required=REQUIRED, kind="collaborators")
        try:
            created = import_roster(rows=rows, managing_office=unit, by=user)
        except RowErrors as exc:
            for e in exc.rows:
                candidates = f" [{'; '.join(e.candidates)}]" if e.candidates else ""
                self.stderr.write(f"{e.row}\t{e.column}\t{e.message}{candidates}")
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(self.style.SUCCESS(f"{len(created)} collaborators added."))
