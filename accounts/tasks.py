from celery import shared_task

from accounts import password_reset


@shared_task
def send_password_reset_task(email: str):
    password_reset.send_reset_letter(email)
