"""The checkout's forms, one per step."""

from __future__ import annotations

from typing import Any

from django import forms

CITIES = ["Lisbon", "Paris", "Rome"]


class StepForm(forms.Form):
    """A form whose labels read as written: "Name", not Django's default "Name:"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class NameForm(StepForm):
    name = forms.CharField(label="Name", max_length=100)


class DeliveryForm(StepForm):
    city = forms.ChoiceField(label="City", choices=[(city, city) for city in CITIES])
    delivery = forms.ChoiceField(
        label="Delivery",
        choices=[("standard", "Standard delivery"), ("express", "Express delivery")],
        widget=forms.RadioSelect,
    )


class OrderForm(StepForm):
    gift_wrap = forms.BooleanField(label="Gift wrap", required=False)
