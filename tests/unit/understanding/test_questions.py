"""Finding the questions inside a message."""

from bot.understanding.questions import is_question, parts


def texts(message):
    return [message[start:end] for start, end in parts(message)]


def test_two_questions_joined_by_et_are_two_parts():
    assert texts("combien ça coûte et est-ce que la mutuelle rembourse ?") == [
        "combien ça coûte", "est-ce que la mutuelle rembourse ?"]


def test_a_story_then_a_question_are_separate_sentences():
    message = "J'ai 45 ans et je cours beaucoup. Mon genou me gêne depuis un an. Combien de séances faut-il ?"
    assert texts(message)[-1] == "Combien de séances faut-il ?"
    assert [is_question(t) for t in texts(message)] == [False, False, True]


def test_short_fragments_stay_with_their_sentence():
    assert texts("Bonjour. Ok. Ça fait mal la méso ?") == ["Ça fait mal la méso ?"]


def test_et_inside_a_question_does_not_split_it():
    assert texts("la méso pour le dos et les genoux ça marche ?") == ["la méso pour le dos et les genoux ça marche ?"]


def test_a_verb_before_its_subject_or_where_makes_a_question_without_a_question_mark():
    assert is_question("Où réalise-t-on une mésothérapie des cheveux")
    assert is_question("Est-elle encore indiquée après 60 ans")
    assert not is_question("Jean-Pierre me l'a conseillée")
    assert not is_question("ou alors rien du tout")


def test_the_question_after_a_calm_preamble_is_a_part_of_its_own():
    """Denied signs first, then what the patient asks: the question is read without them."""
    text = "pas de fièvre, rien de gonflé, c'est juste que le pansement est parti, je le remets ?"
    assert texts(text) == ["pas de fièvre, rien de gonflé", "c'est juste que le pansement est parti, je le remets ?"]
    text = "tout va bien depuis la séance, par contre je me demandais si je peux courir ce soir"
    preamble, question = texts(text)
    assert not is_question(preamble) and is_question(question)
