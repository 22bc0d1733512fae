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
