"""The program list's filters, declared once and validated like a form: a value that makes no
sense (a letter for a year) is ignored rather than refused."""

import django_filters
from django import forms
from django.db.models import Q

from programs.models import Program


class WholeNumberFilter(django_filters.NumberFilter):
    """NumberFilter reads decimals: «2.5» would quietly become municipality 2."""

    field_class = forms.IntegerField


class ProgramFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text")
    status = django_filters.ChoiceFilter(choices=Program.Status.choices)
    municipality = WholeNumberFilter(field_name="municipality_id")
    year = WholeNumberFilter(method="filter_year")

    class Meta:
        model = Program
        fields = []

    def filter_text(self, queryset, _name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(roadmap_title__icontains=value))

    def filter_year(self, queryset, _name, value):
        """Programs running in that year."""
        return queryset.filter(start_year__lte=value, end_year__gte=value)
