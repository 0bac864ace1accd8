"""python manage.py ingest FILE... [--province NAME] [--district NAME] [--date DD/MM/YYYY] [--dry-run] [--replace]
[--user NAME]

Without --user the server's operator ingests (no province limit; the documents name no editor); with it,
the documents are that editor's, within the provinces granted to them (reports/permissions.py)."""
import argparse
import datetime as dt
import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reports import permissions
from reports.decoding import ReportRejected, report_size_check
from reports.services import IngestSummary, document_ingest


def report_date(text: str) -> dt.date:
    for layout in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"ngày không hợp lệ “{text}” (dd/mm/yyyy) / not a date: “{text}” (dd/mm/yyyy)")


class Command(BaseCommand):
    help = "Ingest report files (.txt, .md, .docx, .pdf): document, observations and warnings."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--province", help="The reports' province, when they never name it")
        parser.add_argument("--district", help="The reports' district")
        parser.add_argument("--date", type=report_date,
                            help="The reports' date (dd/mm/yyyy or yyyy-mm-dd), when they do not say it")
        parser.add_argument("--dry-run", action="store_true", help="Run everything, then roll back")
        parser.add_argument("--replace", action="store_true",
                            help="A new version of a stored report replaces it (the old one is kept as a version)")
        parser.add_argument("--user", help="Ingest as this editor: recorded on the documents, within their provinces")

    def handle(self, *args, files, province, district, date, dry_run, replace, user, **options):
        editor = None
        if user is not None:
            editor = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: user}).first()
            if editor is None or not permissions.is_editor(editor):
                raise CommandError(f"Không có biên tập viên “{user}” / no editor “{user}” (manage.py create_editor)")
        failed, empty = [], []
        for path in files:
            try:
                # The size first: a file over the limit is refused without being read.
                report_size_check(size=os.path.getsize(path))
                with open(path, "rb") as handle:
                    data = handle.read()
                summary = document_ingest(file_name=os.path.basename(path), data=data, province=province,
                                          district=district, date=date, dry_run=dry_run, replace=replace,
                                          user=editor)
            except (ReportRejected, OSError) as exc:
                # ReportRejected covers the database's failures and a concurrent ingest of the same file
                # (reports.services.IngestFailed, AlreadyIngesting): one sentence each, never a traceback.
                failed.append(path)
                self.stderr.write(f"{path}: {exc}")
                continue
            self._summary_write(summary)
            if summary.nothing_stored:
                empty.append(path)
                self.stderr.write(f"{path}: {summary.nothing_stored_text}")
        problems = []
        if failed:
            problems.append(f"{len(failed)} tệp bị từ chối / file(s) refused: {', '.join(failed)}")
        if empty:
            problems.append(f"{len(empty)} tệp không lưu được số liệu nào / nothing could be stored from "
                            f"{len(empty)} file(s): {', '.join(empty)}")
        if problems:
            raise CommandError("; ".join(problems))

    def _summary_write(self, summary: IngestSummary) -> None:
        out = self.stdout
        out.write(self.style.SUCCESS(f"{summary.file_name}: {summary.outcome_text}"))
        date = summary.issued_on or (summary.date_not_before and f"{summary.date_not_before} – {summary.date_not_after}")
        for label, value in (
            ("Tiêu đề / title", summary.title), ("Cơ quan / issuer", summary.issuer), ("Số / number", summary.number),
            ("Ngày / date", date), ("Ngày tham chiếu / reference date", summary.reference_date),
            ("Địa bàn / area", summary.area_name), ("Nhiệm kỳ / terms", ", ".join(summary.terms)),
        ):
            out.write(f"  {label}: {value or '—'}")
        out.write(f"  Số liệu / observations: {summary.observation_count} ({summary.seconds:.2f} s)")
        for _, label, count in summary.families:
            out.write(f"    {label}: {count}")
        out.write(f"  Cảnh báo / warnings: {len(summary.warnings)} (mâu thuẫn / conflicts: {len(summary.conflicts)})")
        for warning in summary.warnings:
            where = f"dòng/line {warning.line}" if warning.line else "văn bản / document"
            out.write(f"    [{warning.code}] {where}: {warning.message}")
