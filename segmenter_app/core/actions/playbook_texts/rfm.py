"""Playbook texts for the RFM grid segments (champions to hibernating), in English and French."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- Champions --------------------------------------------------------------------------
    "champions.name": ("Champions", "Champions"),
    "champions.objective": (
        "Keep your best customers delighted and turn them into ambassadors.",
        "Garder vos meilleurs clients enchantés et en faire des ambassadeurs.",
    ),
    "champions.message": (
        "Thank you for being one of our most faithful customers. Before anyone else, discover our new arrivals, and tell us what you think of them.",
        "Merci d'être l'un de nos clients les plus fidèles. Découvrez nos nouveautés avant tout le monde, et dites-nous ce que vous en pensez.",
    ),
    "champions.offer": (
        "Early access to new products, free delivery from {threshold}, a small surprise in the next parcel; ask for a review or a referral.",
        "Accès en avant-première aux nouveautés, livraison offerte dès {threshold}, une petite surprise dans le prochain colis ; demandez un avis ou un parrainage.",
    ),
    "champions.offer_discount": (
        "Early access to new products, free delivery from {threshold}, a small surprise in the next parcel; ask for a review or a referral.",
        "Accès en avant-première aux nouveautés, livraison offerte dès {threshold}, une petite surprise dans le prochain colis ; demandez un avis ou un parrainage.",
    ),
    "champions.timing": (
        "At each launch or new collection, no more than once a month.",
        "À chaque lancement ou nouvelle collection, pas plus d'une fois par mois.",
    ),
    "champions.kpi": (
        "Repeat purchase rate, reviews and referrals received, average basket.",
        "Taux de réachat, avis et parrainages reçus, panier moyen.",
    ),
    "champions.avoid": (
        "Habitual discounts: they buy at full price anyway. Too many messages.",
        "Les remises systématiques : ils achètent déjà au prix plein. Trop de messages.",
    ),
    # --- Loyal ------------------------------------------------------------------------------
    "loyal.name": ("Loyal", "Fidèles"),
    "loyal.objective": (
        "Raise their basket and keep them coming back regularly.",
        "Augmenter leur panier et les faire revenir régulièrement.",
    ),
    "loyal.message": (
        "You are part of our regulars: here is an offer reserved for you, and a selection that goes well with what you usually choose.",
        "Vous faites partie de nos habitués : voici une offre qui vous est réservée, et une sélection qui va bien avec ce que vous choisissez d'habitude.",
    ),
    "loyal.offer": (
        "Loyalty points towards a free product; a members-only offer from {threshold}; suggest the premium version of their usual products.",
        "Des points de fidélité vers un produit offert ; une offre réservée aux membres dès {threshold} ; proposez la version haut de gamme de leurs produits habituels.",
    ),
    "loyal.offer_discount": (
        "Loyalty points towards a free product; a members-only offer from {threshold}; suggest the premium version of their usual products.",
        "Des points de fidélité vers un produit offert ; une offre réservée aux membres dès {threshold} ; proposez la version haut de gamme de leurs produits habituels.",
    ),
    "loyal.timing": (
        "Follow their usual rhythm; one message per purchase cycle.",
        "Suivez leur rythme habituel ; un message par cycle d'achat.",
    ),
    "loyal.kpi": (
        "Average basket, purchase frequency, share of customers who move up to Champions.",
        "Panier moyen, fréquence d'achat, part des clients qui passent en Champions.",
    ),
    "loyal.avoid": (
        "Public discounts that teach them to wait for sales; generic mass mailings.",
        "Les remises publiques qui leur apprennent à attendre les soldes ; les envois de masse impersonnels.",
    ),
    # --- Potential loyalists ----------------------------------------------------------------
    "potential_loyalists.name": ("Potential loyalists", "Fidèles en devenir"),
    "potential_loyalists.objective": (
        "Turn recent repeat buyers into regulars.",
        "Transformer des acheteurs récents et réguliers en habitués.",
    ),
    "potential_loyalists.message": (
        "Glad to see you again! Join our loyalty programme: your next purchases count towards a gift.",
        "Ravis de vous revoir ! Rejoignez notre programme de fidélité : vos prochains achats comptent pour un cadeau.",
    ),
    "potential_loyalists.offer": (
        "Loyalty programme sign-up with a welcome bonus; free delivery from {threshold}; recommendations based on their last purchases.",
        "Inscription au programme de fidélité avec un bonus de bienvenue ; livraison offerte dès {threshold} ; recommandations selon leurs derniers achats.",
    ),
    "potential_loyalists.offer_discount": (
        "{discount} off their next order from {threshold}, with the loyalty programme sign-up.",
        "{discount} de remise sur leur prochaine commande dès {threshold}, avec l'inscription au programme de fidélité.",
    ),
    "potential_loyalists.timing": (
        "Soon after their last purchase, while the experience is fresh.",
        "Peu après leur dernier achat, tant que l'expérience est fraîche.",
    ),
    "potential_loyalists.kpi": (
        "Loyalty sign-ups, share that make another purchase within the cycle, move to Loyal.",
        "Inscriptions au programme, part qui rachète dans le cycle, passage en Fidèles.",
    ),
    "potential_loyalists.avoid": (
        "Asking too much too early; overloading them with offers.",
        "Trop leur demander trop tôt ; les submerger d'offres.",
    ),
    # --- New customers ----------------------------------------------------------------------
    "new_customers.name": ("New customers", "Nouveaux clients"),
    "new_customers.objective": (
        "Welcome them and give them a reason for a second order.",
        "Les accueillir et leur donner une raison de passer une deuxième commande.",
    ),
    "new_customers.message": (
        "Welcome! Thank you for your first order. Here are a few products that go well with it, and a little something for your next visit.",
        "Bienvenue ! Merci pour votre première commande. Voici quelques produits qui l'accompagnent bien, et une petite attention pour votre prochaine visite.",
    ),
    "new_customers.offer": (
        "A welcome gift or free delivery on the second order from {threshold}; the products that go with the first purchase.",
        "Un cadeau de bienvenue ou la livraison offerte sur la deuxième commande dès {threshold} ; les produits qui accompagnent le premier achat.",
    ),
    "new_customers.offer_discount": (
        "{discount} off the second order from {threshold}, valid one month; the products that go with the first purchase.",
        "{discount} de remise sur la deuxième commande dès {threshold}, valable un mois ; les produits qui accompagnent le premier achat.",
    ),
    "new_customers.timing": (
        "A welcome within a week of the first order, a reminder two to three weeks later.",
        "Un mot de bienvenue dans la semaine de la première commande, une relance deux à trois semaines après.",
    ),
    "new_customers.kpi": (
        "Second-order rate within 60 days, time to the second order.",
        "Taux de deuxième commande sous 60 jours, délai avant la deuxième commande.",
    ),
    "new_customers.avoid": (
        "Pushing the full catalogue; asking for a review before they received their order.",
        "Pousser tout le catalogue ; demander un avis avant qu'ils aient reçu leur commande.",
    ),
    # --- Promising --------------------------------------------------------------------------
    "promising.name": ("Promising", "Prometteurs"),
    "promising.objective": (
        "Build the habit: recent buyers who have not come back often yet.",
        "Créer l'habitude : des acheteurs récents qui ne sont pas encore souvent revenus.",
    ),
    "promising.message": (
        "Did you like your last purchase? Here is what our customers often take next, with a treat for your next visit.",
        "Votre dernier achat vous a plu ? Voici ce que nos clients prennent souvent ensuite, avec une attention pour votre prochaine visite.",
    ),
    "promising.offer": (
        "A free sample or small gift with the next order from {threshold}; a short guide or tasting invitation.",
        "Un échantillon ou un petit cadeau avec la prochaine commande dès {threshold} ; un petit guide ou une invitation à une dégustation.",
    ),
    "promising.offer_discount": (
        "{discount} off the next order from {threshold}, valid three weeks.",
        "{discount} de remise sur la prochaine commande dès {threshold}, valable trois semaines.",
    ),
    "promising.timing": (
        "Within a month of their last purchase.",
        "Dans le mois qui suit leur dernier achat.",
    ),
    "promising.kpi": (
        "Repeat purchase rate, move to Potential loyalists.",
        "Taux de réachat, passage en Fidèles en devenir.",
    ),
    "promising.avoid": (
        "Expensive incentives before they have shown they will return.",
        "Des incitations coûteuses avant qu'ils aient montré qu'ils reviennent.",
    ),
    # --- Need attention ---------------------------------------------------------------------
    "need_attention.name": ("Need attention", "À surveiller"),
    "need_attention.objective": (
        "Bring back average customers who are starting to slow down.",
        "Faire revenir des clients moyens qui commencent à ralentir.",
    ),
    "need_attention.message": (
        "We have new products in the range you like. For a few days only, an offer picked for you.",
        "Nous avons des nouveautés dans la gamme que vous aimez. Quelques jours seulement, une offre choisie pour vous.",
    ),
    "need_attention.offer": (
        "A time-limited offer (one week) built on what they bought before: free delivery or a gift from {threshold}.",
        "Une offre limitée dans le temps (une semaine) construite sur ce qu'ils ont acheté : livraison offerte ou cadeau dès {threshold}.",
    ),
    "need_attention.offer_discount": (
        "A time-limited {discount} off (one week) on the category they bought before, from {threshold}.",
        "{discount} de remise limitée dans le temps (une semaine) sur la catégorie qu'ils ont déjà achetée, dès {threshold}.",
    ),
    "need_attention.timing": (
        "Now, before they drift further; one reminder before the offer ends.",
        "Maintenant, avant qu'ils ne s'éloignent ; une relance avant la fin de l'offre.",
    ),
    "need_attention.kpi": (
        "Reactivation rate within the offer period, move back to Loyal or Potential loyalists.",
        "Taux de réactivation pendant l'offre, retour en Fidèles ou Fidèles en devenir.",
    ),
    "need_attention.avoid": (
        "Generic newsletters; offers with no end date.",
        "Les lettres d'information génériques ; les offres sans date de fin.",
    ),
    # --- About to sleep ---------------------------------------------------------------------
    "about_to_sleep.name": ("About to sleep", "En sommeil proche"),
    "about_to_sleep.objective": (
        "Wake them up before they forget the shop.",
        "Les réveiller avant qu'ils n'oublient la boutique.",
    ),
    "about_to_sleep.message": (
        "It has been a while! Here is what is new since your last visit, and an offer valid until the end of the week.",
        "Cela fait un moment ! Voici ce qui est nouveau depuis votre dernière visite, et une offre valable jusqu'à la fin de la semaine.",
    ),
    "about_to_sleep.offer": (
        "A time-limited offer built on their past purchases: a gift or free delivery from {threshold}.",
        "Une offre limitée dans le temps construite sur leurs achats passés : un cadeau ou la livraison offerte dès {threshold}.",
    ),
    "about_to_sleep.offer_discount": (
        "{discount} off for one week on the products they bought before, from {threshold}.",
        "{discount} de remise pendant une semaine sur les produits qu'ils ont déjà achetés, dès {threshold}.",
    ),
    "about_to_sleep.timing": (
        "Now, with a single reminder a week later.",
        "Maintenant, avec une seule relance une semaine plus tard.",
    ),
    "about_to_sleep.kpi": (
        "Reactivation rate, revenue per contacted customer.",
        "Taux de réactivation, chiffre d'affaires par client contacté.",
    ),
    "about_to_sleep.avoid": (
        "Repeated reminders; deep discounts that cost more than the customer is worth.",
        "Les relances répétées ; les grosses remises qui coûtent plus que ce que vaut le client.",
    ),
    # --- At risk ----------------------------------------------------------------------------
    "at_risk.name": ("At risk", "À risque"),
    "at_risk.objective": (
        "Win back good customers who have stopped buying.",
        "Reconquérir de bons clients qui ont cessé d'acheter.",
    ),
    "at_risk.message": (
        "We miss you. Was something wrong with your last order? Tell us, and let us make it up to you.",
        "Vous nous manquez. Quelque chose n'allait pas lors de votre dernière commande ? Dites-le-nous, et laissez-nous nous rattraper.",
    ),
    "at_risk.offer": (
        "A personal win-back offer tailored to what they bought (a gift or free delivery from {threshold}); ask what went wrong.",
        "Une offre de reconquête personnelle adaptée à leurs achats (un cadeau ou la livraison offerte dès {threshold}) ; demandez ce qui n'a pas été.",
    ),
    "at_risk.offer_discount": (
        "A personal win-back offer: {discount} off from {threshold} on what they used to buy; ask what went wrong.",
        "Une offre de reconquête personnelle : {discount} de remise dès {threshold} sur ce qu'ils achetaient ; demandez ce qui n'a pas été.",
    ),
    "at_risk.timing": (
        "Now; follow up once two weeks later, then stop.",
        "Maintenant ; une relance deux semaines plus tard, puis arrêtez.",
    ),
    "at_risk.kpi": (
        "Reactivation rate, revenue won back against the campaign cost, answers received.",
        "Taux de réactivation, chiffre d'affaires regagné face au coût de la campagne, réponses reçues.",
    ),
    "at_risk.avoid": (
        "Impersonal mass mailings; ignoring a complaint.",
        "Les envois de masse impersonnels ; ignorer une réclamation.",
    ),
    # --- Can't lose them --------------------------------------------------------------------
    "cant_lose.name": ("Can't lose them", "À ne pas perdre"),
    "cant_lose.objective": (
        "Win back former best customers, personally, before they are gone for good.",
        "Reconquérir personnellement d'anciens meilleurs clients avant qu'ils ne partent pour de bon.",
    ),
    "cant_lose.message": (
        "You were one of our best customers and we have not seen you for a while. We would love to know why, and to welcome you back.",
        "Vous étiez l'un de nos meilleurs clients et nous ne vous avons pas vu depuis un moment. Nous aimerions savoir pourquoi, et vous accueillir à nouveau.",
    ),
    "cant_lose.offer": (
        "A call or handwritten letter from the owner, a tailored offer on their favourite products (a gift from {threshold}), a dedicated contact.",
        "Un appel ou une lettre manuscrite du gérant, une offre sur mesure sur leurs produits préférés (un cadeau dès {threshold}), un interlocuteur dédié.",
    ),
    "cant_lose.offer_discount": (
        "A call or handwritten letter from the owner with {discount} off their favourite products from {threshold}.",
        "Un appel ou une lettre manuscrite du gérant avec {discount} de remise sur leurs produits préférés dès {threshold}.",
    ),
    "cant_lose.timing": (
        "This week; a personal follow-up two weeks later.",
        "Cette semaine ; un suivi personnel deux semaines plus tard.",
    ),
    "cant_lose.kpi": (
        "Customers won back, their revenue, reasons for leaving collected.",
        "Clients reconquis, leur chiffre d'affaires, raisons de départ recueillies.",
    ),
    "cant_lose.avoid": (
        "Treating them like everyone else; a generic promotional email.",
        "Les traiter comme tout le monde ; un courriel promotionnel générique.",
    ),
    # --- Hibernating ------------------------------------------------------------------------
    "hibernating.name": ("Hibernating", "En hibernation"),
    "hibernating.objective": (
        "Learn why they left and try one low-cost reactivation, then stop spending on them.",
        "Comprendre pourquoi ils sont partis et tenter une réactivation peu coûteuse, puis cesser de dépenser pour eux.",
    ),
    "hibernating.message": (
        "How was your last order with us? Your opinion helps us improve, and we would be glad to see you again.",
        "Comment s'est passée votre dernière commande chez nous ? Votre avis nous aide à progresser, et nous serions ravis de vous revoir.",
    ),
    "hibernating.offer": (
        "A short feedback survey on their last order; a thank-you gift from {threshold} if they come back.",
        "Un court questionnaire sur leur dernière commande ; un cadeau de remerciement dès {threshold} s'ils reviennent.",
    ),
    "hibernating.offer_discount": (
        "A short feedback survey, then a single {discount} off from {threshold} to come back.",
        "Un court questionnaire, puis une seule remise de {discount} dès {threshold} pour revenir.",
    ),
    "hibernating.timing": (
        "One attempt now, during a seasonal peak if one is near; no follow-up.",
        "Une seule tentative maintenant, lors d'un temps fort saisonnier s'il est proche ; pas de relance.",
    ),
    "hibernating.kpi": (
        "Survey answers, reactivation rate, cost per customer reactivated.",
        "Réponses au questionnaire, taux de réactivation, coût par client réactivé.",
    ),
    "hibernating.avoid": (
        "Pushing products; several reminders; an expensive channel for lost customers.",
        "Pousser des produits ; plusieurs relances ; un canal coûteux pour des clients perdus.",
    ),
}
