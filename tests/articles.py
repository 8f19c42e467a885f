"""Small hand-made French articles for unit tests (invented news, no third-party text)."""

LYON = """La mairie de Lyon ouvre un nouveau parc au bord du Rhône

La mairie de Lyon a inauguré samedi un parc de 12 hectares sur les berges du Rhône, au terme de \
trois ans de travaux. Le projet a coûté 45 millions d'euros, selon la municipalité.

Le nouveau parc compte 800 arbres, des jardins partagés et une piste cyclable de 4 kilomètres. Les \
habitants du quartier réclamaient depuis longtemps un espace vert à proximité de leurs logements.

Le maire Grégory Doucet a salué « un lieu de respiration pour toute la ville » lors de la cérémonie \
d'ouverture. Des associations locales ont toutefois regretté le manque de concertation pendant le \
chantier et demandent des bancs supplémentaires.

La métropole de Lyon prévoit d'ouvrir deux autres parcs d'ici 2027, dans les quartiers de Gerland et \
de la Part-Dieu. Le budget de ces projets n'a pas encore été voté par le conseil métropolitain.

Les premiers visiteurs ont salué la qualité des aménagements. « C'est un vrai changement pour le \
quartier », a déclaré une habitante de 67 ans, venue avec ses petits-enfants.
"""

#: A brief of about 90 words (the shortest source accepted is 80): the integration tests that rewrite through
#: a server or a chat model use it to stay within the suite's time.
BRIEF = """Rennes ouvre une médiathèque dans le quartier du Blosne

La mairie de Rennes a inauguré mardi une médiathèque de trois étages dans le quartier du Blosne. Le \
chantier a coûté 18 millions d'euros, selon la municipalité. Le bâtiment sera ouvert six jours sur sept.

La maire Nathalie Appéré a salué « un lieu ouvert à tous les habitants » lors de l'inauguration. Près de \
2 500 personnes ont visité le bâtiment le premier jour.

Plusieurs associations du quartier ont toutefois regretté l'absence de concertation pendant les travaux. \
Deux autres équipements du même type sont prévus d'ici 2028 dans le nord de la ville.
"""

ONE_BLOCK = (
    "Le conseil municipal de Nantes a adopté jeudi un plan de rénovation des écoles. "
    "Le plan prévoit 30 millions d'euros sur cinq ans. Les travaux commenceront en septembre. "
    "Les syndicats d'enseignants ont salué une décision attendue depuis longtemps. "
    "La maire Johanna Rolland a promis une consultation des parents. "
    "Les premières écoles concernées se trouvent dans le quartier de Bellevue. "
    "Une réunion publique est prévue le 12 mars à la mairie. "
    "L'opposition municipale juge le calendrier trop lent. "
    "Elle réclame un audit indépendant des bâtiments scolaires. "
    "La ville compte 140 écoles publiques. "
    "Le précédent plan de rénovation datait de 2012. "
    "Les parents d'élèves demandent que les cantines soient rénovées en priorité. "
    "Plusieurs bâtiments datent des années 1970 et consomment beaucoup d'énergie. "
    "La ville espère réduire de moitié la facture de chauffage des écoles. "
    "Un comité de suivi réunira élus, enseignants et parents chaque trimestre. "
    "Les premiers résultats seront présentés au conseil municipal à l'automne."
)

#: A short article made mostly of quotations, with speakers and roles: the SEO boxes' material.
QUOTED = "\n\n".join([
    "La maire de Lyon défend son projet de parc",
    "La maire Anne Martin a défendu lundi le projet de parc des berges du Rhône devant le conseil municipal, "
    "selon l'adjoint à l'urbanisme Paul Girard.",
    '"Ce parc sera un lieu de respiration pour toute la ville et pour tous ses habitants", a déclaré la maire '
    "Anne Martin.",
    '"Nous avons écouté les riverains pendant trois ans. Il n\'y a pas de retour en arrière", a-t-elle ajouté.',
    '"Le projet coûte trop cher et arrive bien trop tard pour les commerçants du quartier", a estimé l\'élu '
    "d'opposition Marc Blanc.",
    "Le conseil municipal votera le budget définitif le 12 mars.",
])
