"""One test per clinical category: messages that must alert, and calm ones that share their words
(told of the past, of someone else in the past, denied, asked in general, before the session).
Written for these tests, in patients' words; not taken from any blind set."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.safety.red_flags import clinical_category, detect_red_flag, load_terms
from bot.text.french_spacy import french_pipeline

URGENT = {
    "respiratory": [
        "slt jsui essouflée + la bouche qui gonfle depuis la séance",
        "c'est grave si j'ai des boutons partout et que j'ai du mal à respirer, la séance était ce matin ?",
        "en rentrant du travail ce midi je respirais de plus en plus mal, je voulais aussi reporter mon rdv de jeudi",
        "mes lèvres deviennent bleues depuis tout à l'heure",
        "depuis la séance j'ai la tête toute gonflée et je respire pas terrible",
        "depuis la piqûre j'ai la gorge toute serrée et je respire mal",
        "c'est normal que j'aie la langue qui enfle ?",
        "ptdr je crois que je gonfle du visage, mes paupières sont énormes",
        "mon mari a des plaques rouges partout et il siffle en respirant, il sort de chez vous",
        "je manque d'air depuis tout à l'heure, je laisse passer ?",
        "g du mal a avaler et la voix toute bizarre depuis l'injection",
    ],
    "skin_circulation": [
        "la peau est toute blanche là où j'ai été piquée et j'ai très mal",
        "j'ai une tache violette sur le menton depuis la piqûre, on dirait un bleu mais elle est glacée",
        "la peau de mon front est grisâtre depuis ce matin",
        "la joue est blanche comme un linge là où on m'a piqué",
        "la tache du menton ne recolore pas du tout quand j'appuie dessus",
        "des petites bulles sont sorties sur la zone violette de la tempe",
        "juste après l'injection la peau est devenue toute blanche et j'ai hyper mal",
        "la zone piquée a viré au violet et elle est froide",
        "j'ai des marbrures sur la joue depuis la séance, c'est grave ?",
        "y'a une tache noire qui apparaît là où on m'a piqué",
        "ma copine sort de sa séance et son nez est tout blanc et glacé",
        "ma fille a eu sa séance hier, aujourd'hui sa tempe est toute grise et froide",
    ],
    "infection": [
        "la cuisse piquée est rouge et tendue, toute brillante",
        "je suis brûlante depuis ce matin, 39,5 au thermomètre",
        "j'ai 38,8 depuis hier soir et la zone est rouge",
        "le point de piqûre fait du pus jaune",
        "ça sent vraiment mauvais autour de l'injection",
        "la bosse à la cuisse grossit et elle est brûlante",
        "mon fils grelotte depuis ses injections de mardi",
        "c normal ke la rougeur s'étale jusqu'au genou ?",
        "c'est normal que la piqûre de lundi soit devenue une boule rouge et chaude avec de la fièvre ?",
    ],
    "cardiac": [
        "j'ai le palpitant qui part dans tous les sens depuis une heure",
        "ça cogne fort dans ma poitrine depuis la séance",
        "j'ai comme une enclume sur la poitrine depuis tout à l'heure",
        "mon cœur s'emballe et je transpire à grosses gouttes",
        "j'ai une douleur dans la poitrine qui serre depuis la séance",
        "ça me serre au niveau du thorax, c'est grave ?",
        "j'ai des palpitations et des sueurs depuis l'injection",
        "ma mère se plaint d'une douleur à la poitrine depuis sa séance",
    ],
    "neurological": [
        "mon mari dit que je mélange les mots depuis ce midi",
        "un côté de ma bouche ne bouge plus quand je parle",
        "je vois des étoiles et j'ai failli tomber en me levant après l'injection",
        "depuis hier soir une partie de ma vue est comme sombre",
        "je n'arrive pas à trouver mes mots et la moitié de la bouche est engourdie",
        "je vois des éclairs dans l'œil gauche depuis l'injection du front",
        "un rideau gris tombe sur mon œil droit depuis la séance",
        "je ne tiens plus debout, je marche de travers depuis la piqûre",
        "je vois flou d'un oeil depuis l'injection au front",
        "j'ai failli m'évanouir en rentrant",
        "j'ai des vertiges depuis ce matin",
        "j'arrive plus à parler normalement",
        "la moitié de mon visage est engourdie",
        "mon père bafouille et sa bouche tombe d'un côté",
        "j'ai la jambe gauche toute lourde depuis la séance",
        "ma femme ne répond plus quand je l'appelle, elle sort de sa séance",
        "le côté gauche de ma vue a disparu juste après l'injection du front",
        "mon père a fait sa séance ce matin, il ne répond plus bien quand on lui parle",
    ],
    "severe_pain": [
        "suite à la séance de lundi pour mon dos, c'est la pire douleur de ma vie",
        "je ne peux plus poser le pied depuis la méso de la cheville",
        "la douleur au mollet monte d'un cran chaque heure depuis la séance",
        "j'ai mis 9/10 à ma douleur à la hanche depuis les injections",
        "même le doliprane ne me soulage pas, la hanche me lance depuis la méso",
        "j'ai une douleur atroce à l'endroit de la piqûre",
        "la douleur augmente d'heure en heure depuis la séance",
        "j'ai jamais eu aussi mal",
        "ça fait un mal de chien, j'en pleure",
    ],
    "bleeding": [
        "le saignement reprend dès que je retire la compresse",
        "le bleu sur ma cuisse n'arrête pas de s'étendre, je suis sous xarelto",
        "ça saigne comme un robinet au point d'injection",
        "je suis sous xarelto et ça goutte encore du point de piqûre",
        "le sang recommence à couler dès que je retire le pansement",
        "ça saigne sans arrêt depuis la séance",
        "j'ai un hématome qui grossit à vue d'oeil",
        "je prends du xarelto et j'ai un énorme bleu qui s'étend",
        "le pansement est plein de sang, ça continue de couler",
        "est-ce normal de saigner encore des points de piqûre depuis la séance ? je prends de l'Eliquis",
        "c'est grave si dès que je retire le pansement ça recommence à saigner ? ça fait 3 heures que ça dure",
    ],
    "psychiatric": [
        "bientôt je ne serai plus un poids pour personne",
        "ma fille parle de se faire du mal",
        "ce soir j'en finis, j'ai tout prévu",
        "plus rien ne me retient ici",
        "personne ne me regrettera de toute façon",
        "je vais pas sauter du pont hein... enfin si, j'y pense souvent",
        "je songe à sauter du pont ce soir",
        "j'ai avalé des cachets pour ne plus me réveiller",
        "pour moi la vie n'a plus aucun sens",
        "j'en peux plus, je veux en finir",
        "parfois je me dis que tout serait plus simple si je disparaissais",
        "à quoi bon vivre comme ça",
        "je pense au suicide depuis quelques jours",
        "mon frère parle de se tuer",
        "je n'ai plus la force de me battre",
        "j'aimerais m'endormir et ne plus jamais me réveiller",
    ],
}

CALM = {
    "respiratory": [
        "léger gonflement sur les points de piqûre ce matin, je respire normalement",
        # "a cause" typed without its accent is "à cause", not a verb in the present.
        "ma soeur avait des plaques partout a cause d'une allergie, elle prenait un antibio pour une dent",
        "en 2019 une piqûre d'abeille m'avait fait gonfler tout le bras, depuis je fais attention",
        "l'an dernier j'ai eu de l'urticaire avec un antibiotique, c'est fini depuis",
        "ma soeur avait fait une réaction allergique après une piqûre de guêpe quand elle était petite",
        "je n'ai aucun gonflement des lèvres, tout va bien",
        "en général, est-ce qu'on peut faire une allergie au produit ?",
        "je suis asthmatique, je peux quand même faire la séance de vendredi ?",
        "ma soeur a eu les lèvres gonflées après un soin il y a deux ans, elle a été soignée",
    ],
    "skin_circulation": [
        "il y a un an ma peau avait blanchi quelques secondes après une piqûre, c'était revenu tout de suite",
        "est-ce que ça peut boucher une artère en général ?",
        "j'ai les mains froides l'hiver, c'est un problème pour la méso ?",
        "je n'ai aucune tache ni rougeur",
        "mes orteils deviennent blancs au froid, c'est un souci pour la méso ?",
        "j'ai lu un article qui parlait de nécrose, ça existe avec la méso ?",
    ],
    "infection": [
        "c'est un peu rouge et chaud autour des points ce soir, rien d'autre",
        "ya longtemps j'ai eu un abcès après une prise de sang, guéri sans problème",
        "est-ce que ça peut s'infecter ?",
        "j'ai eu un abcès dentaire l'année dernière",
        "je n'ai pas de fièvre, juste un petit bleu",
        "ma voisine a eu de la fièvre après sa méso il y a longtemps",
        "j'ai un bouton de fièvre sur la lèvre, je peux venir jeudi ?",
        "je supporte mal l'ibuprofène, vous utilisez quoi ?",
    ],
    "cardiac": [
        "avant mon rdv : la lidocaïne peut-elle faire battre le cœur plus vite ? j'ai des palpitations parfois",
        "j'ai eu des palpitations l'an dernier, c'est réglé",
        "mon père a eu un infarctus en 2015, il peut faire la méso ?",
        "je n'ai aucune douleur dans la poitrine",
    ],
    "neurological": [
        "mon fils faisait des convulsions quand il était bébé, il a 12 ans maintenant",
        "je n'ai aucun trouble de la vue ni vertige depuis la séance, tout va bien",
        "ma cousine s'était évanouie pendant une prise de sang il y a deux ans, elle s'est vite remise",
        "je me suis évanouie une fois quand j'étais ado à une prise de sang",
        "est-ce qu'on peut avoir des vertiges après une séance ?",
        "j'ai peur de faire un malaise à cause des aiguilles",
        "j'ai les jambes lourdes le soir, la méso peut aider ?",
        "je tombe dans les pommes à chaque prise de sang, je le signale",
        "je fais souvent des malaises à la vue du sang, je peux être allongé ?",
    ],
    "severe_pain": [
        "est-ce que la méso fait mal ?",
        "j'ai eu très mal pendant la séance mais c'est passé",
        "je souffre du dos depuis des années, la méso peut m'aider ?",
    ],
    "bleeding": [
        "mon père sous kardégic avait un peu saigné après sa séance le mois dernier, ça s'était arrêté vite",
        "une goutte de sang est sortie quand j'ai enlevé le pansement, ça s'est arrêté tout de suite",
        "je prends des anticoagulants, je peux faire la méso ?",
        "j'ai eu un petit bleu la dernière fois, c'est parti en 3 jours",
        "ça ne saigne plus du tout",
        "je saigne pas du tout, c'est bon signe ?",
        "j'ai eu un gros bleu après la séance de mars, il a mis deux semaines à partir",
        "je prends du Kardegic. Est-ce que la méso fait saigner ?",
        "Je suis sous Eliquis. J'avais eu un petit bleu la dernière fois, c'est parti. Combien coûte une séance ?",
    ],
    "psychiatric": [
        "un psy m'a aidée à sortir de mes idées suicidaires, ça fait 5 ans, je vais bien",
        "je veux arrêter les séances",
        "ce mal de dos me tue",
        "il y a des années j'ai eu des idées noires, ça va bien maintenant",
        "j'ai une petite boule sous la peau, ça va partir ?",
        "dites adieu à la cellulite, c'est vrai ?",
    ],
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return french_pipeline()


def test_the_word_list_has_the_eight_documented_categories() -> None:
    terms = load_terms()
    assert set(terms.clinical_categories) == set(URGENT) == set(CALM)
    assert all(len(why) > 80 for why in terms.clinical_categories.values())
    assert {rule.clinical for rule in terms.rules} == set(URGENT)


@pytest.mark.parametrize(
    "category, text", [(category, text) for category, texts in URGENT.items() for text in texts]
)
def test_urgent_messages_alert_in_their_category(nlp: Language, category: str, text: str) -> None:
    red_flag = detect_red_flag(nlp(text))
    assert red_flag is not None, text
    assert clinical_category(red_flag) == category


@pytest.mark.parametrize("category, text", [(category, text) for category, texts in CALM.items() for text in texts])
def test_calm_messages_that_share_the_words_do_not_alert(nlp: Language, category: str, text: str) -> None:
    assert detect_red_flag(nlp(text)) is None
