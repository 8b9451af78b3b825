"""Invented people and texts for the demo. Names are common Norwegian first and last names
combined at random, so no row describes a real person."""

from __future__ import annotations

import random

FEMALE_FIRST_NAMES = (
    "Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid", "Bjørg",
    "Hilde", "Anna", "Solveig", "Marianne", "Randi", "Ida", "Nina", "Maria", "Elisabeth",
    "Kristin", "Bente", "Heidi", "Silje", "Hanne", "Gerd", "Linda", "Tone", "Tove", "Elin",
    "Anita", "Wenche", "Camilla", "Ragnhild", "Julie", "Cathrine", "Mona", "Ellen", "Emma",
    "Sara", "Ingeborg", "Karin", "Turid", "Sissel", "Grete", "Mette", "Monica", "Lene", "Ane",
    "Kristine", "Thea", "Vilde", "Hege", "Trine", "Siri", "Guro", "Synnøve", "Oda", "Malin",
    "Maren", "Aud",
)  # fmt: skip

MALE_FIRST_NAMES = (
    "Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Arne", "Svein", "Thomas", "Hans",
    "Geir", "Tor", "Morten", "Terje", "Odd", "Erik", "Martin", "Andreas", "Rune", "Trond",
    "John", "Tore", "Harald", "Jon", "Kristian", "Olav", "Magnus", "Espen", "Nils", "Stian",
    "Jonas", "Øyvind", "Einar", "Kåre", "Daniel", "Helge", "Leif", "Rolf", "Steinar", "Frode",
    "Sindre", "Henrik", "Sverre", "Vidar", "Håkon", "Jørgen", "Sigurd", "Ivar", "Petter",
    "Dag", "Roar", "Fredrik", "Kim", "Asbjørn", "Ragnar", "Tormod", "Endre", "Yngve", "Atle",
)  # fmt: skip

LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide",
    "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen", "Lie", "Amundsen",
    "Nguyen", "Rasmussen", "Ali", "Berge", "Moe", "Bakke", "Fredriksen", "Holm", "Lien",
    "Hauge", "Christensen", "Nielsen", "Knudsen", "Evensen", "Sæther", "Aas", "Myhre", "Ahmed",
    "Thomassen", "Sivertsen", "Simonsen", "Danielsen", "Berntsen", "Sandvik", "Rønning",
    "Arnesen", "Næss", "Fjeld", "Mikkelsen", "Helland", "Aase", "Bøe", "Vikøren", "Fosse",
    "Hatlevik", "Sælensminde", "Kleppe", "Seim", "Tangen", "Øvrebø", "Hop", "Instebø",
)  # fmt: skip

# Staff of the demo organisations: username -> (first name, last name). Invented.
STAFF = {
    "koordinator": ("Ingrid", "Haugland"),
    "underviser": ("Torstein", "Kvamme"),
    "praksisveileder": ("Marte", "Solheim"),
    "veileder": ("Anders", "Hjelle"),
    "fylkeskoordinator": ("Silje", "Brekke"),
    "arbeidsgiver": ("Kjetil", "Tveit"),
    "deltaker": ("Nora", "Lunde"),
    "analytiker": ("Eirik", "Nygård"),
    "admin": ("Hanne", "Vik"),
}
# Supervisors at the other placement sites (no demo login of their own).
OTHER_SUPERVISORS = (("Gunnar", "Totland"), ("Sissel", "Mjelde"), ("Even", "Hovland"))

SESSION_TOPICS = (
    "Velkommen og bli kjent",
    "Egen erfaring som ressurs",
    "Brukermedvirkning i tjenestene",
    "Recovery og bedringsprosesser",
    "Kommunikasjon og samtaleferdigheter",
    "Taushetsplikt og etikk",
    "Rus og psykisk helse",
    "Hjelpeapparatet: kommune, NAV og spesialisthelsetjeneste",
    "Selvivaretakelse og grenser",
    "Å dele egen historie på en trygg måte",
    "Rollen som medarbeider med brukererfaring",
    "Samarbeid i team",
    "Arbeidsliv, rettigheter og ytelser",
    "Lovverk og pasientrettigheter",
    "Likepersonsarbeid",
    "Traumebevisst omsorg",
    "Motiverende intervju",
    "Refleksjon over praksis",
    "Skriftlig oppgave: problemstilling og kilder",
    "Skriftlig oppgave: veiledning",
)
LAST_TOPIC = "Oppsummering og avslutning"

MOTIVATIONS = (
    "Jeg vil bruke det jeg har vært gjennom til å hjelpe andre.",
    "Jeg ønsker å komme tilbake i arbeid, og dette passer meg.",
    "NAV-veilederen min foreslo utdanningen, og jeg har lyst til å prøve.",
    "Jeg har vært frisk en stund nå og vil gi noe tilbake.",
    "Jeg vil vise at det går an å komme seg, og jobbe med mennesker.",
    "Jeg har erfaring som pårørende og vil bidra i tjenestene.",
)

EVALUATIONS = (
    "Møter stabilt og er godt likt av brukerne. Tar initiativ i samtaler og deler egen "
    "erfaring med god dømmekraft.",
    "God utvikling siden oppstart. Jobber med å sette grenser for egen innsats; vi følger opp "
    "dette i veiledningen.",
    "Har funnet sin plass i teamet og bidrar i gruppene på huset. Ønsker mer ansvar fremover.",
)

RETURN_COMMENT = (
    "Du har ført ni timer på onsdag, men huset stengte klokken 15 den dagen. Rett opp og send "
    "timelisten på nytt."
)
RESUBMIT_FEEDBACK = (
    "God problemstilling, men drøftingen må knyttes tydeligere til pensum og egen praksis. "
    "Lever på nytt."
)
APPROVED_FEEDBACK = "Godkjent. Reflektert oppgave som bruker egen erfaring på en faglig god måte."
NOT_APPROVED_FEEDBACK = "Ikke godkjent. Oppgaven mangler drøfting og kildehenvisninger."

OTHER_REASONS = (
    "Omsorgsoppgaver i familien",
    "Ønsket å avslutte etter samtale med koordinator",
    "Trakk søknaden",
)

HOME_MUNICIPALITIES = ("4601",) * 8 + ("4627", "4624", "4626", "4631")


class NamePool:
    """Draws unique invented full names (first, last) from the lists above."""

    def __init__(self, rng: random.Random, reserved: set[tuple[str, str]]) -> None:
        self.rng = rng
        self.used = set(reserved)

    def take(self) -> tuple[str, str]:
        while True:
            firsts = self.rng.choice((FEMALE_FIRST_NAMES, MALE_FIRST_NAMES))
            name = (self.rng.choice(firsts), self.rng.choice(LAST_NAMES))
            if name not in self.used:
                self.used.add(name)
                return name
