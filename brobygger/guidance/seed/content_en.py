"""The seed texts in English: the same page and links as content.py, in the words of
docs/glossary.md. The markup is line for line that of the bokmål body; addresses and tags are
the bokmål ones (RESOURCES is keyed by the bokmål resource's address)."""

TIPS_TITLE = "Hiring a peer worker"
TIPS_SUMMARY = (
    "What you should know as a manager before you hire, and how to welcome a peer worker "
    "(employee with lived experience)."
)
TIPS_BODY = """\
## What a peer worker can contribute
A peer worker is an employee with lived experience of mental health or substance use \
problems, their own or as a family member, and of the services. Together, professional \
expertise and lived experience can give each person a more complete service that fits them better.

- A bridge builder between service users and staff.
- Helps to break down the divide between ‘well’ and ‘ill’.
- A positive role model who shows that it is possible to get into work.
- Strengthens the service user perspective and helps to make the workplace more inclusive.

## Get the backing of management
Experience from Bergen Municipality shows that it is important for hiring to have the \
backing of management, and ideally of elected politicians. Scepticism among staff often goes \
down once they have a peer worker as a colleague.

## Write a job description
Many peer workers have never had a job description. A clear description makes the role \
easier for both the peer worker and their colleagues.

- What will the peer worker do, and for whom?
- What percentage of a full-time position is it? Many work part-time, often around 50 per cent.
- Who is their line manager, and who can they discuss work issues with?
- How should their lived experience be used, and what is outside the role?

## Funding the position
The position can be funded in several ways:

- from the ordinary budget, like other positions
- with earmarked municipal funds, where the municipality has set these aside
- with project funds (think about what will happen when the project ends)
- with a wage subsidy from NAV, for a set period or permanently

The NAV county coordinator can tell you what is available to you. The conditions and rates \
for wage subsidies are on nav.no (see the resource library).

## Position size and benefits
Many combine their pay with a benefit from NAV, such as work assessment allowance or \
disability benefit, and so work part-time. Agree the size of the position with the peer \
worker, and encourage them to talk to NAV about how pay and benefits work together before the \
agreement is in place.

## Training and induction
1. Prepare their colleagues: explain what the role involves and why you are hiring.
2. Give a good introduction to the workplace, its routines and the duty of confidentiality, \
as for all new staff.
3. Arrange regular meetings with their line manager for the first few months.
4. Give the peer worker a colleague or mentor to lean on. NAV can give a grant for a mentor.
5. Make room for supervision and for networking with other peer workers.

## Contact the county coordinator
If you want to hire a peer worker, the NAV county coordinator for work and mental health can \
be your contact. Use ‘Find your contact’ to find the coordinator for your county.
"""

# bokmål address: (title, summary). Names of institutions stay as they are written.
RESOURCES = {
    "https://www.nav.no/arbeidsgiver/lonnstilskudd": (
        "Wage subsidy for employers",
        "NAV's page on temporary and permanent wage subsidies: conditions, rates and how to apply.",
    ),
    "https://www.nav.no/arbeidsgiver/mentor": (
        "Mentor grant for employers",
        "A grant for a mentor who helps a new employee get started at work.",
    ),
    "https://www.erfaringskompetanse.no/": (
        "Nasjonalt senter for erfaringskompetanse innen psykisk helse",
        "The national centre for lived experience in mental health: knowledge and experience "
        "of service user involvement and of hiring people with lived experience.",
    ),
    "https://www.napha.no/": (
        "NAPHA – Nasjonalt kompetansesenter for psykisk helsearbeid",
        "The national centre of expertise for mental health work: material for municipal "
        "mental health and substance use services, including on peer workers.",
    ),
}
