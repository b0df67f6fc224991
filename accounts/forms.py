from django import forms
from django.contrib.auth import get_user_model

from accounts.models import Membership, Role
from schools.models import School

# Specialists hand out the roles that stay inside their municipality.
ROLES_A_SPECIALIST_ASSIGNS = [Role.SPECIALIST, Role.COORDINATOR, Role.HEAD]


class MembershipForm(forms.Form):
    username = forms.CharField(label="Логин пользователя", max_length=150)
    role = forms.ChoiceField(
        label="Роль", choices=[(role.value, role.label) for role in ROLES_A_SPECIALIST_ASSIGNS]
    )
    school = forms.ModelChoiceField(
        label="Школа", queryset=School.objects.none(), required=False, empty_label="—"
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["school"].queryset = School.objects.filter(municipality=municipality)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise forms.ValidationError(
                "Пользователь с таким логином не найден. Учётные записи создаёт администратор."
            ) from None

    def clean(self):
        cleaned = super().clean()
        role, school, user = cleaned.get("role"), cleaned.get("school"), cleaned.get("username")
        if role == Role.HEAD and school is None:
            self.add_error("school", "Для руководителя ОО выберите школу.")
        if user and role and self._already_held(user, role, school):
            raise forms.ValidationError("У пользователя уже есть эта роль.")
        return cleaned

    def _already_held(self, user, role, school):
        memberships = Membership.objects.filter(user=user, role=role)
        if role == Role.HEAD:
            return memberships.filter(school=school).exists()
        return memberships.filter(municipality=self.municipality).exists()

    def save(self):
        role = self.cleaned_data["role"]
        membership = Membership(user=self.cleaned_data["username"], role=role)
        if role == Role.HEAD:
            membership.school = self.cleaned_data["school"]
        else:
            membership.municipality = self.municipality
        membership.full_clean()
        membership.save()
        return membership
