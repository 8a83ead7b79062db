"""Playbook texts for the rule presets, the interest-based rules and the rules' "Others", in English and French."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- Inactive for more than 3 months (rule preset) --------------------------------------
    "inactive.name": ("Inactive for more than 3 months", "Inactifs depuis plus de 3 mois"),
    "inactive.objective": (
        "Bring them back before the habit is lost.",
        "Les faire revenir avant que l'habitude ne se perde.",
    ),
    "inactive.message": (
        "We have not seen you for a few months: here is what is new, and an offer to welcome you back.",
        "Nous ne vous avons pas vu depuis quelques mois : voici les nouveautés, et une offre pour vous accueillir à nouveau.",
    ),
    "inactive.offer": (
        "A time-limited welcome-back offer on what they bought before: a gift or free delivery from {threshold}.",
        "Une offre de retour limitée dans le temps sur ce qu'ils ont déjà acheté : un cadeau ou la livraison offerte dès {threshold}.",
    ),
    "inactive.offer_discount": (
        "{discount} off for two weeks from {threshold} on the category they bought before.",
        "{discount} de remise pendant deux semaines dès {threshold} sur la catégorie déjà achetée.",
    ),
    "inactive.timing": (
        "Now; one reminder before the offer ends.",
        "Maintenant ; une relance avant la fin de l'offre.",
    ),
    "inactive.kpi": (
        "Reactivation rate, revenue per contacted customer.",
        "Taux de réactivation, chiffre d'affaires par client contacté.",
    ),
    "inactive.avoid": (
        "Messages with no reason to come back now; reminders every week.",
        "Des messages sans raison de revenir maintenant ; des relances chaque semaine.",
    ),
    # --- Super buyers (rule preset) ---------------------------------------------------------
    "super_buyers.name": ("Super buyers", "Super acheteurs"),
    "super_buyers.objective": (
        "Thank and keep the customers who order often and spend well.",
        "Remercier et garder les clients qui commandent souvent et dépensent bien.",
    ),
    "super_buyers.message": (
        "Thank you for your trust. As one of our best customers, you get first access to our new arrivals, and a dedicated contact.",
        "Merci de votre confiance. Parmi nos meilleurs clients, vous avez accès en premier à nos nouveautés, et à un interlocuteur dédié.",
    ),
    "super_buyers.offer": (
        "Early access, free delivery from {threshold}, easy reordering of their usual products, a surprise in the parcel; ask for referrals.",
        "Avant-premières, livraison offerte dès {threshold}, réassort facile de leurs produits habituels, une surprise dans le colis ; demandez des parrainages.",
    ),
    "super_buyers.offer_discount": (
        "Early access, free delivery from {threshold}, easy reordering of their usual products, a surprise in the parcel; ask for referrals.",
        "Avant-premières, livraison offerte dès {threshold}, réassort facile de leurs produits habituels, une surprise dans le colis ; demandez des parrainages.",
    ),
    "super_buyers.timing": (
        "At launches and at their usual reorder time; at most twice a month.",
        "Aux lancements et au moment habituel de leur réassort ; au plus deux fois par mois.",
    ),
    "super_buyers.kpi": (
        "Retention, purchase frequency, referrals.",
        "Fidélisation, fréquence d'achat, parrainages.",
    ),
    "super_buyers.avoid": (
        "Discounts they do not need; making them wait.",
        "Des remises dont ils n'ont pas besoin ; les faire attendre.",
    ),
    # --- Biggest spenders (rule preset) -----------------------------------------------------
    "biggest_spenders.name": ("Biggest spenders", "Plus gros acheteurs"),
    "biggest_spenders.objective": (
        "Look after the customers who bring the most revenue.",
        "Prendre soin des clients qui apportent le plus de chiffre d'affaires.",
    ),
    "biggest_spenders.message": (
        "You are among our most valued customers. We have set aside a preview of our new selection for you.",
        "Vous comptez parmi nos clients les plus précieux. Nous vous avons réservé un aperçu de notre nouvelle sélection.",
    ),
    "biggest_spenders.offer": (
        "Private preview or event, free delivery from {threshold}, a dedicated contact, a premium gift; ask for a review.",
        "Avant-première ou soirée privée, livraison offerte dès {threshold}, un interlocuteur dédié, un cadeau haut de gamme ; demandez un avis.",
    ),
    "biggest_spenders.offer_discount": (
        "Private preview or event, free delivery from {threshold}, a dedicated contact, a premium gift; ask for a review.",
        "Avant-première ou soirée privée, livraison offerte dès {threshold}, un interlocuteur dédié, un cadeau haut de gamme ; demandez un avis.",
    ),
    "biggest_spenders.timing": (
        "Before each launch or seasonal peak.",
        "Avant chaque lancement ou temps fort saisonnier.",
    ),
    "biggest_spenders.kpi": (
        "Retention of the group, its revenue, average basket.",
        "Fidélisation du groupe, son chiffre d'affaires, panier moyen.",
    ),
    "biggest_spenders.avoid": (
        "Habitual discounts; impersonal messages.",
        "Les remises systématiques ; les messages impersonnels.",
    ),
    # --- One-time buyers (rule preset) ------------------------------------------------------
    "one_time_buyers.name": ("One-time buyers", "Acheteurs d'une seule fois"),
    "one_time_buyers.objective": (
        "Give them a reason for a second order.",
        "Leur donner une raison de passer une deuxième commande.",
    ),
    "one_time_buyers.message": (
        "Thank you for your first order! Customers who liked it often choose these next, and your next order comes with a little gift.",
        "Merci pour votre première commande ! Les clients qui l'ont aimée choisissent souvent ceux-ci ensuite, et votre prochaine commande est accompagnée d'un petit cadeau.",
    ),
    "one_time_buyers.offer": (
        "A gift or free delivery on the second order from {threshold}; the products that go with the first purchase.",
        "Un cadeau ou la livraison offerte sur la deuxième commande dès {threshold} ; les produits qui accompagnent le premier achat.",
    ),
    "one_time_buyers.offer_discount": (
        "{discount} off the second order from {threshold}, valid one month.",
        "{discount} de remise sur la deuxième commande dès {threshold}, valable un mois.",
    ),
    "one_time_buyers.timing": (
        "Two to four weeks after the first order, before they forget the shop.",
        "Deux à quatre semaines après la première commande, avant qu'ils n'oublient la boutique.",
    ),
    "one_time_buyers.kpi": (
        "Second-order rate, revenue per contacted customer.",
        "Taux de deuxième commande, chiffre d'affaires par client contacté.",
    ),
    "one_time_buyers.avoid": (
        "The full catalogue; several reminders in a row.",
        "Tout le catalogue ; plusieurs relances à la suite.",
    ),
    # --- Dormant (rule preset) --------------------------------------------------------------
    "dormant.name": ("Dormant", "Dormants"),
    "dormant.objective": (
        "Ask for feedback and make one reactivation attempt, then stop spending on them.",
        "Demander un avis et faire une seule tentative de réactivation, puis cesser de dépenser pour eux.",
    ),
    "dormant.message": (
        "We would like your opinion on your last order: what could we do better? We would be happy to see you again.",
        "Nous aimerions votre avis sur votre dernière commande : que pourrions-nous mieux faire ? Nous serions heureux de vous revoir.",
    ),
    "dormant.offer": (
        "A feedback survey; a welcome-back gift from {threshold}, valid one month.",
        "Un questionnaire ; un cadeau de retour dès {threshold}, valable un mois.",
    ),
    "dormant.offer_discount": (
        "A feedback survey, then a single {discount} off from {threshold}, valid one month.",
        "Un questionnaire, puis une seule remise de {discount} dès {threshold}, valable un mois.",
    ),
    "dormant.timing": (
        "One attempt now; no follow-up.",
        "Une seule tentative maintenant ; pas de relance.",
    ),
    "dormant.kpi": (
        "Survey answers, reactivation rate, cost per reactivated customer.",
        "Réponses au questionnaire, taux de réactivation, coût par client réactivé.",
    ),
    "dormant.avoid": (
        "Pushing products; costly channels; repeated reminders.",
        "Pousser des produits ; les canaux coûteux ; les relances répétées.",
    ),
    # --- Coupon-driven (rule preset) --------------------------------------------------------
    "coupon_driven.name": ("Coupon-driven buyers", "Acheteurs à promotions"),
    "coupon_driven.objective": (
        "Use their taste for deals to clear the stock you want to move, at a controlled cost.",
        "Utiliser leur goût des bonnes affaires pour écouler le stock que vous voulez sortir, à coût maîtrisé.",
    ),
    "coupon_driven.message": (
        "Good deal for you: a selection at a special price, for a few days only.",
        "Bon plan pour vous : une sélection à prix spécial, quelques jours seulement.",
    ),
    "coupon_driven.offer": (
        "Targeted {discount} off stock you want to clear, from {threshold}, for a short time.",
        "{discount} de remise ciblée sur le stock à écouler, dès {threshold}, pour une courte durée.",
    ),
    "coupon_driven.offer_discount": (
        "Targeted {discount} off stock you want to clear, from {threshold}, for a short time.",
        "{discount} de remise ciblée sur le stock à écouler, dès {threshold}, pour une courte durée.",
    ),
    "coupon_driven.timing": (
        "When you have stock to clear, or at the end of a season.",
        "Quand vous avez du stock à écouler, ou en fin de saison.",
    ),
    "coupon_driven.kpi": (
        "Margin after discount, stock cleared, share of purchases made without a code.",
        "Marge après remise, stock écoulé, part des achats faits sans code.",
    ),
    "coupon_driven.avoid": (
        "Codes on new or best-selling products; sending codes to customers who pay full price anyway.",
        "Les codes sur les nouveautés ou les meilleures ventes ; envoyer des codes aux clients qui paient le prix plein de toute façon.",
    ),
    # --- Due to reorder (rule preset) -------------------------------------------------------
    "due_to_reorder.name": ("Due to reorder", "À réapprovisionner"),
    "due_to_reorder.objective": (
        "Remind them just before they run out, so they reorder here rather than elsewhere.",
        "Les prévenir juste avant qu'ils n'en manquent, pour qu'ils recommandent ici plutôt qu'ailleurs.",
    ),
    "due_to_reorder.message": (
        "Time to restock? Your usual products are waiting for you, and reordering takes one click.",
        "Bientôt à court ? Vos produits habituels vous attendent, et recommander ne prend qu'un clic.",
    ),
    "due_to_reorder.offer": (
        "A one-click reorder of their usual basket; free delivery from {threshold}.",
        "Une commande en un clic de leur panier habituel ; livraison offerte dès {threshold}.",
    ),
    "due_to_reorder.offer_discount": (
        "A one-click reorder of their usual basket; free delivery from {threshold}.",
        "Une commande en un clic de leur panier habituel ; livraison offerte dès {threshold}.",
    ),
    "due_to_reorder.timing": (
        "Just before their usual gap between purchases runs out.",
        "Juste avant la fin de leur intervalle habituel entre deux achats.",
    ),
    "due_to_reorder.kpi": (
        "Reorder rate within the window, time between purchases.",
        "Taux de réachat dans la fenêtre, délai entre deux achats.",
    ),
    "due_to_reorder.avoid": (
        "Reminding too early or too late; a discount they did not need to reorder.",
        "Relancer trop tôt ou trop tard ; une remise dont ils n'avaient pas besoin pour recommander.",
    ),
    # --- Trend followers --------------------------------------------------------------------
    "trend_followers.name": ("Trend followers", "Amateurs de nouveautés"),
    "trend_followers.objective": (
        "Make them the first to try what is new, and let them spread the word.",
        "En faire les premiers à essayer les nouveautés, et les laisser en parler.",
    ),
    "trend_followers.message": (
        "Just arrived, and you are among the first to know: discover our new collection before everyone else.",
        "Tout juste arrivé, et vous êtes parmi les premiers à le savoir : découvrez notre nouvelle collection avant tout le monde.",
    ),
    "trend_followers.offer": (
        "Preview of new collections and launches, a reservation before release, free delivery from {threshold}.",
        "Avant-première des nouvelles collections et des lancements, une réservation avant la sortie, livraison offerte dès {threshold}.",
    ),
    "trend_followers.offer_discount": (
        "Preview of new collections and launches, a reservation before release, free delivery from {threshold}.",
        "Avant-première des nouvelles collections et des lancements, une réservation avant la sortie, livraison offerte dès {threshold}.",
    ),
    "trend_followers.timing": (
        "A few days before each launch or new collection.",
        "Quelques jours avant chaque lancement ou nouvelle collection.",
    ),
    "trend_followers.kpi": (
        "Share of launch sales they make, pre-orders, reviews and shares.",
        "Part des ventes de lancement qu'ils réalisent, précommandes, avis et partages.",
    ),
    "trend_followers.avoid": (
        "Old stock and clearance offers; telling them after everyone else.",
        "Les fins de série et le déstockage ; les prévenir après tout le monde.",
    ),
    # --- Others -----------------------------------------------------------------------------
    "others.name": ("Others", "Autres"),
    "others.objective": (
        "Stay in touch at low cost and learn more about them.",
        "Garder le contact à faible coût et mieux les connaître.",
    ),
    "others.message": (
        "News from the shop: our latest products and upcoming events.",
        "Des nouvelles de la boutique : nos derniers produits et nos prochains événements.",
    ),
    "others.offer": (
        "No special offer; free delivery from {threshold} as for everyone.",
        "Pas d'offre particulière ; livraison offerte dès {threshold} comme pour tous.",
    ),
    "others.offer_discount": (
        "A general seasonal offer: {discount} off from {threshold}.",
        "Une offre saisonnière générale : {discount} de remise dès {threshold}.",
    ),
    "others.timing": (
        "With your regular newsletter, once a month at most.",
        "Avec votre lettre d'information habituelle, une fois par mois au plus.",
    ),
    "others.kpi": (
        "Open and click rates, purchases after the newsletter.",
        "Taux d'ouverture et de clic, achats après la lettre d'information.",
    ),
    "others.avoid": (
        "Spending on an expensive channel for a segment you do not know well; look for a better criterion.",
        "Dépenser sur un canal coûteux pour un segment mal connu ; cherchez un meilleur critère.",
    ),
}
