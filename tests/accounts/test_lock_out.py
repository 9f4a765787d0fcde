"""Lock-out (django-axes): five wrong passwords lock the username, with a page that says what to do."""

from django.urls import reverse

from tests.accounts.helpers import sign_in


def test_five_wrong_passwords_lock_out_even_the_right_one(client, ssw):
    for attempt in range(4):
        response = sign_in(client, ssw, password="not-the-password")
        assert response.status_code == 200 and "Please enter a correct username" in response.content.decode()

    fifth = sign_in(client, ssw, password="not-the-password")
    sixth = sign_in(client, ssw)

    for response in (fifth, sixth):
        assert response.status_code == 429
        html = response.content.decode()
        assert "too many failed attempts" in html
        assert "Try again after 30 minutes" in html and "ask your registered manager to unlock" in html
    assert "_auth_user_id" not in client.session


def test_another_username_from_another_address_is_not_locked(client, ssw, other_ssw):
    for _ in range(5):
        sign_in(client, ssw, password="not-the-password")

    assert sign_in(client, other_ssw, REMOTE_ADDR="10.0.0.7").status_code == 302


def test_a_right_password_clears_earlier_failures(client, ssw):
    for _ in range(4):
        sign_in(client, ssw, password="not-the-password")
    assert sign_in(client, ssw).status_code == 302
    client.post(reverse("accounts:logout"))

    for _ in range(4):
        assert sign_in(client, ssw, password="not-the-password").status_code == 200
