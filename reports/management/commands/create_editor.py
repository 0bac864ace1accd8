"""python manage.py create_editor USER --province KEY_OR_NAME [--province …] [--national]

Makes the editor (or adds to an existing one) and grants the provinces. A new editor's password comes
from $EDITOR_PASSWORD, or is asked for at a terminal; with neither, the account gets no usable password
until `manage.py changepassword USER` sets one."""
import getpass
import os
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports.editors import UnknownProvince, editor_save, province_find


class Command(BaseCommand):
    help = "Create an editor and grant them provinces (their districts, communes and predecessors come with them)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--province", action="append", default=[], metavar="KEY_OR_NAME",
                            help="A province key (24, 24-2025) or name (Bắc Giang); repeat for several")
        parser.add_argument("--national", action="store_true", help="The national role: every province")

    def handle(self, *args, username, province, national, **options):
        if not province and not national:
            raise CommandError("Cần ít nhất một --province hoặc --national / give at least one --province, or --national")
        try:
            provinces = [province_find(text) for text in province]
        except UnknownProvince as exc:
            raise CommandError(str(exc)) from exc
        saved = editor_save(username=username, provinces=provinces, national=national,
                            password=self._password(username))
        state = "tạo mới / created" if saved.created else "đã có / existing"
        names = ", ".join(p.name for p in saved.granted) or "—"
        self.stdout.write(f"{username} ({state}): giao thêm / newly granted: {names}"
                          f"{' · toàn quốc / national' if national else ''}")
        if saved.created and not saved.user.has_usable_password():
            self.stdout.write(f"Chưa có mật khẩu / no password yet: manage.py changepassword {username}")

    def _password(self, username: str) -> str | None:
        from django.contrib.auth import get_user_model

        if get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).exists():
            return None  # an existing editor keeps theirs
        password = os.environ.get("EDITOR_PASSWORD")
        if password is None and sys.stdin.isatty():
            password = getpass.getpass("Mật khẩu / password: ")
            if password != getpass.getpass("Nhập lại / again: "):
                raise CommandError("Hai mật khẩu khác nhau / the passwords differ")
        if password:
            try:
                validate_password(password)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        return password or None
