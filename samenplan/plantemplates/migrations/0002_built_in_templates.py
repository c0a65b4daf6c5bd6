"""The five built-in starting points (issue 9), as data. Organisations add their own in
the interface; these are read-only there (copy one to change it).

The Wlz zorgleefplan domains map to the plan's life areas: lichamelijk welbevinden en
gezondheid -> health, woon- en leefomstandigheden -> housing, participatie -> work and
relations, mentaal welbevinden -> meaning_la (and health, "how I feel").
"""

from django.db import migrations

BUILT_IN = [
    {
        "name": "Diabetes type 2",
        "condition": "Diabetes type 2",
        "description": "Voor mensen met diabetes type 2. Met de metingen van de huisarts. "
                       "En met de waarden die u wilt halen.",
        "domain_set": "positive_health",
        "shown_sections": [],
        "measurement_kinds": ["hba1c", "blood_pressure", "weight", "waist", "steps"],
        "targets": [
            {"kind": "hba1c", "low": None, "high": "53", "second_low": None,
             "second_high": None},
            {"kind": "blood_pressure", "low": None, "high": "140", "second_low": None,
             "second_high": "90"},
        ],
        "example_goals": [
            "Ik wil elke dag een half uur wandelen.",
            "Ik wil 5 kilo afvallen.",
            "Ik wil weten wat ik kan eten. Zo blijft mijn suiker goed.",
        ],
    },
    {
        "name": "COPD",
        "condition": "COPD",
        "description": "Voor mensen met COPD. Over ademen, bewegen en stoppen met roken.",
        "domain_set": "positive_health",
        "shown_sections": [],
        "measurement_kinds": ["weight", "steps"],
        "targets": [],
        "example_goals": [
            "Ik wil minder vaak benauwd zijn.",
            "Ik wil de trap weer op kunnen lopen.",
            "Ik wil stoppen met roken.",
        ],
    },
    {
        "name": "Kwetsbare oudere thuis",
        "condition": "Kwetsbare oudere",
        "description": "Voor een oudere die thuis woont en wat meer hulp nodig heeft.",
        "domain_set": "positive_health",
        "shown_sections": [],
        "measurement_kinds": ["weight"],
        "targets": [],
        "example_goals": [
            "Ik wil veilig thuis blijven wonen.",
            "Ik wil niet vallen.",
            "Ik wil elke week iemand zien of spreken.",
        ],
    },
    {
        "name": "Beperking, langdurige zorg (Wlz)",
        "condition": "Verstandelijke beperking",
        "description": "Voor iemand met een (verstandelijke) beperking in de Wlz. Met de "
                       "gebieden van het zorgleefplan.",
        "domain_set": "life_areas",
        "shown_sections": [],
        "measurement_kinds": [],
        "targets": [],
        "example_goals": [
            "Ik wil zelf kiezen wat ik eet.",
            "Ik wil overdag werk doen dat ik leuk vind.",
            "Ik wil mijn familie vaker zien.",
        ],
    },
    {
        "name": "Leeg plan",
        "condition": "",
        "description": "Een plan zonder voorbeelden. U begint zelf.",
        "domain_set": "positive_health",
        "shown_sections": [],
        "measurement_kinds": [],
        "targets": [],
        "example_goals": [],
    },
]


def add_built_in(apps, schema_editor):
    PlanTemplate = apps.get_model("plantemplates", "PlanTemplate")
    for fields in BUILT_IN:
        PlanTemplate.objects.update_or_create(organisation=None, name=fields["name"],
                                              defaults=fields)


def remove_built_in(apps, schema_editor):
    PlanTemplate = apps.get_model("plantemplates", "PlanTemplate")
    PlanTemplate.objects.filter(organisation=None,
                                name__in=[t["name"] for t in BUILT_IN]).delete()


class Migration(migrations.Migration):
    dependencies = [("plantemplates", "0001_initial")]

    operations = [migrations.RunPython(add_built_in, remove_built_in)]
