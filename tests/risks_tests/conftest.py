import pytest
from django.contrib.auth import get_user_model

from schools.models import School


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class RiskWorld:
    """The demo data as the risk tests use it."""

    def __init__(self):
        users = get_user_model().objects.in_bulk(
            ["head", "head2", "coordinator", "specialist", "observer"], field_name="username"
        )
        for name, user in users.items():
            setattr(self, name, user)
        self.school = School.objects.get(code="DEMO-610001")  # the head's school
        self.other_school = School.objects.get(code="DEMO-610004")  # target, no profile
        self.municipality = self.school.municipality


@pytest.fixture
def world(demo, media_root):
    return RiskWorld()
