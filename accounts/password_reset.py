"""Password reset that tells nothing and cannot be hammered.

- Constant-time answers: the view never looks the address up. It orders the letter through the
  outbox and answers «письмо отправлено» at once; the worker looks the address up and sends the
  letter only if a person has it. A known and an unknown address take the same path in the web
  process.
- Throttled: at most PASSWORD_RESET_PER_ADDRESS requests per client IP and at most
  PASSWORD_RESET_PER_EMAIL letters per e-mail address within PASSWORD_RESET_WINDOW_MINUTES.
  Over the IP limit the person is told to wait (429); over the e-mail limit nothing more is sent,
  and the answer is the usual one (it must not reveal anything about the address).
"""

import hashlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache

from accounts.lockout import client_ip
from outbox import services as outbox

logger = logging.getLogger(__name__)

TOO_MANY = (
    "Слишком много запросов на восстановление пароля с вашего адреса. Попробуйте через "
    "{minutes} минут."
)


def _within_limit(key: str, limit: int) -> bool:
    """Counts one more request under the key; False once over the limit. A cache that is down
    lets the request through (logged): a reset must not fail because Redis did."""
    window = settings.PASSWORD_RESET_WINDOW_MINUTES * 60
    try:
        cache.add(key, 0, window)
        return cache.incr(key) <= limit
    except Exception:  # redis or connection errors, whatever the cache backend raises
        logger.exception("Ограничение восстановления пароля не проверено")
        return True


def email_counter_key(email: str) -> str:
    return "password-reset:email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


def send_reset_letter(email: str):
    """In the worker: the letter, if someone has this address (Django's own form and templates)."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    base = urlsplit(settings.PORTAL_BASE_URL)
    form.save(
        domain_override=base.netloc,
        use_https=base.scheme == "https",
        email_template_name="registration/password_reset_email.html",
        subject_template_name="registration/password_reset_subject.txt",
    )


class QueuedPasswordResetForm(PasswordResetForm):
    def save(self, **kwargs):
        from accounts.tasks import send_password_reset_task

        email = self.cleaned_data["email"]
        if _within_limit(email_counter_key(email), settings.PASSWORD_RESET_PER_EMAIL):
            outbox.enqueue(send_password_reset_task, email)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def post(self, request, *args, **kwargs):
        key = f"password-reset:ip:{client_ip(request)}"
        if not _within_limit(key, settings.PASSWORD_RESET_PER_ADDRESS):
            form = self.get_form()
            form.is_valid()
            minutes = settings.PASSWORD_RESET_WINDOW_MINUTES
            form.add_error(None, TOO_MANY.format(minutes=minutes))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)
