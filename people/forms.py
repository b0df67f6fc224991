from django import forms

from people.models import SchoolCurator, StaffMember


class StaffMemberForm(forms.ModelForm):
    class Meta:
        model = StaffMember
        fields = ["full_name", "position", "organisation", "phone", "email"]
        error_messages = {
            "full_name": {"required": "Укажите фамилию, имя и отчество."},
            "email": {"invalid": "Адрес электронной почты вида name@example.ru."},
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split()) < 2:
            raise forms.ValidationError("Укажите фамилию и имя (и отчество, если есть).")
        return name

    def validate_unique(self):
        # The municipality is not a form field, so Django's own check would leave it out.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error("full_name", "Такой сотрудник с этой должностью уже есть в справочнике.")


class CuratorForm(forms.Form):
    """A curator for each target school of a program: one select per school."""

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        staff = StaffMember.objects.filter(municipality=program.municipality)
        current = dict(
            SchoolCurator.objects.filter(program=program).values_list("school_id", "curator_id")
        )
        self.schools = list(program.target_schools.order_by("name"))
        for school in self.schools:
            self.fields[f"school_{school.pk}"] = forms.ModelChoiceField(
                queryset=staff,
                required=False,
                label=str(school),
                initial=current.get(school.pk),
                error_messages={"invalid_choice": "Выберите сотрудника из справочника."},
            )

    def save(self):
        for school in self.schools:
            curator = self.cleaned_data.get(f"school_{school.pk}")
            if curator is None:
                SchoolCurator.objects.filter(program=self.program, school=school).delete()
            else:
                SchoolCurator.objects.update_or_create(
                    program=self.program, school=school, defaults={"curator": curator}
                )
