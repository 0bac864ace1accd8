"""The settings from the environment: with the production environment that docs/DEPLOYMENT.md
documents (read from that file), `manage.py check --deploy` finds nothing; with `make run`'s
DJANGO_DEBUG=1 the site stays plain HTTP on localhost.

Each case starts Django afresh in a subprocess with only the environment given (settings are read once)."""
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOYMENT = ROOT / "docs" / "DEPLOYMENT.md"
SECURITY_SETTINGS = ("DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
                     "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
                     "SECURE_PROXY_SSL_HEADER", "CSRF_TRUSTED_ORIGINS")
PRINT_SETTINGS = ("import django, json; django.setup(); from django.conf import settings; "
                  f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))")


def documented_environment() -> dict[str, str]:
    """The first ```sh block of "## The production environment", its SECRET_KEY made for this run."""
    section = DEPLOYMENT.read_text(encoding="utf-8").split("## The production environment", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    variables = dict(re.match(r"(\w+)=(\S*)", line).groups() for line in block.splitlines() if line.strip())
    assert variables["SECRET_KEY"] == "…"  # a placeholder, never a key in the docs
    return {**variables, "SECRET_KEY": secrets.token_urlsafe(50)}


def run(arguments: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess:
    # Nothing from the test run's own environment (its DJANGO_DEBUG=1 above all), bar what finds Python.
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run([sys.executable, *arguments], cwd=ROOT, env={**base, **environment},
                          capture_output=True, text=True, timeout=120)


def security_settings(environment: dict[str, str]) -> dict:
    result = run(["-c", PRINT_SETTINGS], environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_the_documented_production_environment():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], documented_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


def test_production_is_https_throughout_without_setting_it():
    chosen = security_settings(documented_environment())
    assert chosen["DEBUG"] is False
    assert chosen["SECURE_SSL_REDIRECT"] and chosen["SESSION_COOKIE_SECURE"] and chosen["CSRF_COOKIE_SECURE"]
    assert chosen["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert chosen["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and chosen["SECURE_HSTS_PRELOAD"]
    assert chosen["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert chosen["CSRF_TRUSTED_ORIGINS"] == ["https://chitieu.example.vn"]


def test_without_a_proxy_no_forwarded_header_is_believed():
    environment = {name: value for name, value in documented_environment().items() if name != "DJANGO_BEHIND_PROXY"}
    assert security_settings(environment)["SECURE_PROXY_SSL_HEADER"] is None


def test_make_run_serves_plain_http_on_localhost():
    chosen = security_settings({"DJANGO_DEBUG": "1"})
    assert chosen["DEBUG"] is True
    assert not (chosen["SECURE_SSL_REDIRECT"] or chosen["SESSION_COOKIE_SECURE"] or chosen["CSRF_COOKIE_SECURE"])
    assert chosen["SECURE_HSTS_SECONDS"] == 0


def test_a_server_without_tls_can_say_so_and_check_deploy_then_warns():
    environment = {**documented_environment(), "DJANGO_HTTPS": "0"}
    chosen = security_settings(environment)
    assert not (chosen["SECURE_SSL_REDIRECT"] or chosen["SESSION_COOKIE_SECURE"] or chosen["SECURE_HSTS_SECONDS"])
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment)
    assert result.returncode != 0
    assert "security.W012" in result.stderr + result.stdout  # SESSION_COOKIE_SECURE


def test_a_wrong_switch_stops_start_up_with_its_name():
    result = run(["-c", PRINT_SETTINGS], {**documented_environment(), "DJANGO_HTTPS": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_HTTPS='maybe'" in result.stderr
