"""Fictional names and places for the demo agency and the test factories.

Every place and authority here is made up: the demo must never look like a real child's record.
"""

FIRST_NAMES = [
    "Amelia", "Olivia", "Isla", "Ava", "Mia", "Grace", "Freya", "Lily", "Ella", "Evie", "Poppy", "Sophie",
    "Ruby", "Chloe", "Harriet", "Imogen", "Zara", "Aisha", "Priya", "Niamh", "Megan", "Bethan", "Jade",
    "Hannah", "Leah", "Molly", "Alice", "Florence", "Maya", "Erin", "Oliver", "George", "Harry", "Noah",
    "Jack", "Leo", "Arthur", "Oscar", "Charlie", "Jacob", "Thomas", "Alfie", "Henry", "Joshua", "Samuel",
    "Daniel", "Mohammed", "Ibrahim", "Kai", "Rhys", "Callum", "Connor", "Ethan", "Lewis", "Owen", "Reuben",
    "Toby", "Aaron", "Kwame", "Dylan", "Marcus", "Ravi", "Tariq", "Finley",
]

# The first 30 first names are girls' names: the carers' register records each carer's sex (reg 31).
FEMALE_FIRST_NAMES = frozenset(FIRST_NAMES[:30])

LAST_NAMES = [
    "Ashworth", "Bamford", "Brennan", "Carrick", "Chaudhry", "Cheung", "Coulthard", "Dawson", "Driscoll",
    "Ellery", "Fairbairn", "Fenwick", "Gallagher", "Greaves", "Hadley", "Hargreaves", "Hussain", "Iqbal",
    "Jarvis", "Kaur", "Kendrick", "Lamb", "Lowther", "McAllister", "Mensah", "Metcalfe", "Nolan", "Okafor",
    "Oldroyd", "Pennington", "Pickering", "Quinlan", "Rahman", "Ratcliffe", "Redfern", "Sandhu", "Sheldon",
    "Stanhope", "Sutcliffe", "Thornton", "Tranter", "Varley", "Wainwright", "Walsh", "Whitfield", "Yardley",
    "Adeyemi", "Armitage", "Birtwistle", "Boateng", "Clegg", "Crossley", "Dunmore", "Entwistle", "Fairclough",
    "Hollins", "Kowalski", "Lindqvist", "Marsden", "Nowak", "Ormerod", "Pilling", "Rowbotham", "Sowerby",
]

# Fictional towns with made-up postcode areas (letters not used by Royal Mail for these places).
TOWNS = [
    ("Ashbury Vale", "AV"), ("Brindlecombe", "BQ"), ("Castlemere", "CQ"), ("Dunthorpe", "DQ"),
    ("Eastwick Magna", "EQ"), ("Fellbridge", "FQ"), ("Greyhaven", "GQ"), ("Hollowmere", "HQ"),
]

STREETS = [
    "Mill Lane", "Church Street", "Orchard Close", "Station Road", "The Green", "Willow Crescent",
    "Ferndale Avenue", "Kingfisher Way", "Meadow View", "Beech Grove", "Canal Side", "Quarry Road",
]

PLACING_AUTHORITIES = [
    "Northshire County Council", "Westmoor Borough Council", "City of Eastbridge Council",
    "South Dunholm Council", "Lowfield Metropolitan Borough Council", "Riverside Unitary Authority",
]

TRAINING_PROVIDERS = ["Agency in-house", "Northshire Safeguarding Partnership", "Fostering Skills Ltd (fictional)"]
