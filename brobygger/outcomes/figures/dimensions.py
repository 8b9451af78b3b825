"""The dimensions a figure is broken down by: the whole population (ALL), programme, cohort,
year (the cohort's start year), county and municipality (the participant's home)."""

ALL, PROGRAMME, COHORT, YEAR, COUNTY, MUNICIPALITY = (
    "alle",
    "program",
    "kull",
    "ar",
    "fylke",
    "kommune",
)
DIMENSIONS = (PROGRAMME, COHORT, YEAR, COUNTY, MUNICIPALITY)
