"""Names of places and of groups of people: they may speak ("China said", "Democrats
argue"), but a "he" or "she" never means them.

General knowledge, not read from any corpus: the world's countries, the US states, the
larger cities that news datelines and reports name, continents and regions, and plural
group names (nationalities, parties, faiths).
"""

from __future__ import annotations

from functools import lru_cache

_COUNTRIES = """
    afghanistan albania algeria andorra angola argentina armenia australia austria
    azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan
    bolivia bosnia botswana brazil brunei bulgaria burkina burundi cambodia cameroon
    canada chad chile china colombia comoros congo croatia cuba cyprus czechia denmark
    djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland
    france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana
    haiti honduras hungary iceland india indonesia iran iraq ireland israel italy
    jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia
    lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi
    malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco
    mongolia montenegro morocco mozambique myanmar burma namibia nauru nepal netherlands
    holland nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay
    peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia
    seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
    switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey
    turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu vatican venezuela
    vietnam yemen zambia zimbabwe britain england scotland wales america
    afghanistan crimea gaza tibet chechnya kurdistan greenland
"""
_MULTI_WORD = """
    north korea|south korea|south africa|south sudan|saudi arabia|new zealand|
    united states|united kingdom|united arab emirates|czech republic|dominican republic|
    central african republic|costa rica|el salvador|sri lanka|sierra leone|
    ivory coast|puerto rico|hong kong|west bank|great britain|northern ireland|
    soviet union|east timor|papua new guinea|
    new hampshire|new jersey|new mexico|new york|north carolina|north dakota|
    south carolina|south dakota|west virginia|rhode island|district of columbia|
    los angeles|san francisco|san diego|san antonio|san jose|las vegas|new orleans|
    salt lake city|kansas city|oklahoma city|st. louis|saint louis|fort worth|
    des moines|little rock|el paso|new delhi|mexico city|buenos aires|rio de janeiro|
    sao paulo|tel aviv|cape town|kuala lumpur|abu dhabi|the hague|capitol hill|
    wall street|silicon valley|middle east|latin america|north america|south america|
    central america|eastern europe|western europe|southeast asia|east asia|
    sub-saharan africa|north africa|persian gulf|white house|st. petersburg|saint petersburg
"""
_STATES = """
    alabama alaska arizona arkansas california colorado connecticut delaware florida
    georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
    massachusetts michigan minnesota mississippi missouri montana nebraska nevada
    ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington
    wisconsin wyoming
"""
_CITIES = """
    washington london paris berlin moscow beijing tokyo rome madrid brussels vienna
    geneva zurich amsterdam stockholm oslo copenhagen helsinki warsaw prague budapest
    athens istanbul ankara cairo tehran baghdad damascus beirut jerusalem riyadh dubai
    doha kabul islamabad karachi delhi mumbai bangkok manila jakarta seoul pyongyang
    shanghai sydney melbourne toronto montreal vancouver ottawa havana caracas bogota
    lima santiago brasilia nairobi lagos johannesburg kyiv kiev minsk tripoli tunis
    algiers rabat khartoum aleppo mosul raqqa benghazi sanaa
    boston chicago houston phoenix philadelphia dallas denver seattle portland
    atlanta miami orlando tampa detroit cleveland columbus cincinnati pittsburgh
    baltimore milwaukee minneapolis nashville memphis louisville
    sacramento oakland honolulu anchorage albuquerque tucson omaha
    indianapolis brooklyn manhattan queens bronx harlem ferguson charleston
    jacksonville buffalo albany hartford newark trenton annapolis concord manchester
    burlington boise bismarck topeka springfield
    tallahassee frankfort juneau petersburg
    europe asia africa australia antarctica
"""
_GROUPS = """
    americans democrats republicans independents liberals conservatives progressives
    libertarians socialists communists evangelicals christians catholics protestants
    muslims jews hindus sikhs buddhists mormons latinos latinas hispanics
    africans asians europeans arabs kurds palestinians israelis iranians iraqis syrians
    afghans pakistanis indians chinese japanese koreans russians ukrainians germans
    french british brits italians spaniards mexicans canadians cubans venezuelans
    brazilians australians turks egyptians saudis nigerians
    millennials boomers conservatives moderates
"""

PLACES: frozenset[str] = frozenset(
    _COUNTRIES.split()
    + _STATES.split()
    + _CITIES.split()
    + [p.strip() for p in _MULTI_WORD.replace("\n", " ").split("|") if p.strip()]
)
"""Casefolded names of places (one or several words)."""
GROUPS: frozenset[str] = frozenset(_GROUPS.split())
"""Casefolded plural names of groups of people."""


@lru_cache(maxsize=8192)
def is_place_or_group(name: str) -> bool:
    """``name`` as a whole names a place or a group ("North Korea", "Ohio", "Latinos"),
    not a person: "Virginia Foxx" is a person, "Virginia" alone a state. (Cities that are
    also common given names or surnames, such as Charlotte or Austin, are left out.)"""
    key = " ".join(w.strip(".,").casefold() for w in name.split())
    if key.startswith("the "):
        key = key[4:]
    return key in PLACES or key in GROUPS
