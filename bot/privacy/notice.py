"""The short privacy notice patients reach from the widget (/chat/confidentialite) and the greeting."""

from __future__ import annotations

import html

from bot.settings import ClinicSettings

PAGE = """<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Confidentialité – {clinic}</title>
<link rel="stylesheet" href="chat-page.css"></head>
<body><main class="privacy">
<h1>Vos données et l'assistant de {clinic}</h1>
<p>L'assistant est un programme : il répond aux questions générales sur la mésothérapie et ne pose
aucun diagnostic. Ce que vous lui écrivez est traité par {clinic}, responsable de ces données.</p>
<h2>Ce qui est gardé</h2>
<ul>
<li><strong>La conversation</strong> (vos messages et les réponses), pour que l'échange continue
d'un message à l'autre et que le cabinet améliore les réponses.</li>
<li><strong>Une demande de rappel</strong>, seulement si vous dites « oui » à la question de
consentement : prénom, numéro de téléphone, créneau et motif, pour qu'un médecin vous rappelle.
Si vous refusez ou annulez, ce que vous avez écrit dans le formulaire est effacé aussitôt.</li>
<li><strong>Votre avis</strong> « utile / pas utile » sur une réponse, si vous en donnez un.</li>
</ul>
<h2>Combien de temps</h2>
<p>Tout est effacé automatiquement après {days} jours. Rien n'est vendu ni transmis à des tiers ;
le cabinet est prévenu de votre demande de rappel.</p>
<h2>Faire effacer vos données</h2>
<p>Demandez-le au cabinet{contact} en donnant votre numéro de téléphone ou la référence de votre
demande de rappel (RAP-…) : la conversation, la demande et vos avis sont effacés. Le bouton
« Nouvelle conversation » du module oublie la conversation sur cet appareil.</p>
<p>Vous pouvez aussi accéder à vos données, les faire rectifier, et saisir la CNIL (cnil.fr).</p>
</main></body></html>
"""


def privacy_page(settings: ClinicSettings) -> str:
    contact = f" ({settings.phone})" if settings.phone else ""
    return PAGE.format(
        clinic=html.escape(settings.name), days=settings.retention_days, contact=html.escape(contact)
    )
