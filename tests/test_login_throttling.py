"""Sign-in throttling (django-axes): 40 wrong passwords lock the username from that address, the right
password included, until the cool-off has passed; the lockout is a page of the site in the reader's
language.

Through client.post on the real sign-in page: the test client's login() skips the sign-in view, and
with it the throttling."""
import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db.models import F
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-right-password-for-tests"
ADDRESS, OTHER_ADDRESS = "127.0.0.2", "127.0.0.3"


def sign_in_url() -> str:
    """The people's sign-in page once it exists, else the admin's (both take username and password)."""
    try:
        return reverse("login")
    except NoReverseMatch:
        return reverse("admin:login")


@pytest.fixture(autouse=True)
def quick_hashing(settings):
    # Fifty sign-ins hash fifty passwords: the hashing is not what is tested here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):
    # Staff, so that the admin's sign-in page lets the right password in too.
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def sign_in(client, password: str, *, username: str = "editor", address: str = ADDRESS):
    return client.post(sign_in_url(), {"username": username, "password": password}, REMOTE_ADDR=address)


def is_signed_in(client) -> bool:
    return SESSION_KEY in client.session


def forty_wrong_passwords(client) -> list[int]:
    return [sign_in(client, f"wrong-{attempt}").status_code for attempt in range(40)]


def move_attempts_back(by: dt.timedelta) -> None:
    """As if the attempts had been made that much earlier: the cool-off counts from the last one."""
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.exists()
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)


def test_forty_wrong_passwords_lock_the_account_the_right_one_included(client, editor):
    statuses = forty_wrong_passwords(client)
    limit = settings.AXES_FAILURE_LIMIT
    # The form says "wrong" until the limit; the attempt that reaches it is refused with the lockout page.
    assert set(statuses[:limit - 1]) == {200}
    assert set(statuses[limit - 1:]) == {429}

    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert not is_signed_in(client)
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert 'class="site-header"' in page  # the site's own page, not a bare message
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Hãy đợi {minutes} phút" in page


def test_the_lockout_page_reads_in_english(client, editor):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    forty_wrong_passwords(client)
    page = sign_in(client, PASSWORD).content.decode()
    assert "Sign-in temporarily locked" in page
    assert "Tạm khóa" not in page


def test_the_lock_holds_through_the_cool_off_and_lifts_after_it(client, editor):
    forty_wrong_passwords(client)
    cool_off = settings.AXES_COOLOFF_TIME

    move_attempts_back(cool_off - dt.timedelta(minutes=1))
    assert sign_in(client, PASSWORD).status_code == 429
    assert not is_signed_in(client)

    # That refused attempt started the wait over: a minute short of it again is still locked.
    move_attempts_back(cool_off - dt.timedelta(minutes=1))
    assert sign_in(client, PASSWORD).status_code == 429

    move_attempts_back(cool_off + dt.timedelta(minutes=1))
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_the_lock_is_for_that_account_from_every_address(client, editor, django_user_model):
    django_user_model.objects.create_user("colleague", password=PASSWORD, is_staff=True)
    forty_wrong_passwords(client)

    assert sign_in(client, PASSWORD, address=OTHER_ADDRESS).status_code == 429  # guesses from elsewhere too
    assert not is_signed_in(client)
    assert sign_in(client, PASSWORD, username="colleague").status_code == 302  # another account is not locked


def test_a_sign_in_clears_the_wrong_passwords_before_it(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit - 1):
        assert sign_in(client, f"wrong-{attempt}").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    # A fresh count: as many wrong passwords again are still short of the limit.
    for attempt in range(limit - 1):
        assert sign_in(client, f"wrong-again-{attempt}").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302
