"""Playbooks: what to do for each kind of segment, in English and French.

A playbook is the generic advice for one kind of segment (champions, at risk, coupon-driven...):
an objective, a short message the shop can adapt, an offer (with and without a discount), a
timing, the KPI to watch and what to avoid. ``fitting.py`` then fits it to the segment's own
figures (threshold from its average basket, channel from its reachability, timing from its gap).

Every segment the app can produce finds a playbook through :func:`find_playbook`: RFM keys (the
5x5 grid and the small-data names), rule presets, the predictive churn-risk segment, and, for
clusters or rules with no known name, the segment's profile (see :func:`playbook_from_profile`).
Keys are matched on the part after the colon (``"rfm:at_risk"`` -> ``"at_risk"``), then on the
segment's display name in either language, so unknown prefixes still fall back sensibly.

Offer texts take ``{threshold}`` (an amount with its currency, fitted from the average basket)
and ``{discount}`` (a percentage); messages take ``{threshold}`` as well.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from segmenter_app.core.i18n import Messages


@dataclass(frozen=True)
class Playbook:
    """The machine side of a playbook; its texts live in :data:`TEXTS` under ``<id>.<field>``.

    ``kind`` groups playbooks by intent (reward, grow, welcome, reactivate, winback, feedback,
    remind, clear, keep); ``discount`` is ``"never"``, ``"if_driven"`` (only when the segment
    is discount-driven) or ``"always"``; ``response_rate`` is the default expected response;
    ``valuable`` says the segment is worth a personal channel (SMS, phone) when small;
    ``lapsed`` says a conversion is a reactivation rather than a retention.
    """

    id: str
    kind: str
    discount: str
    response_rate: float
    valuable: bool = False
    lapsed: bool = False


PLAYBOOKS: dict[str, Playbook] = {
    p.id: p
    for p in (
        # RFM grid
        Playbook("champions", "reward", "never", 0.15, valuable=True),
        Playbook("loyal", "grow", "never", 0.12, valuable=True),
        Playbook("potential_loyalists", "grow", "if_driven", 0.08),
        Playbook("new_customers", "welcome", "if_driven", 0.06),
        Playbook("promising", "grow", "if_driven", 0.05),
        Playbook("need_attention", "reactivate", "if_driven", 0.05),
        Playbook("about_to_sleep", "reactivate", "if_driven", 0.04, lapsed=True),
        Playbook("at_risk", "winback", "if_driven", 0.05, valuable=True, lapsed=True),
        Playbook("cant_lose", "winback", "if_driven", 0.08, valuable=True, lapsed=True),
        Playbook("hibernating", "feedback", "if_driven", 0.02, lapsed=True),
        # Rule presets
        Playbook("inactive", "reactivate", "if_driven", 0.04, lapsed=True),
        Playbook("super_buyers", "reward", "never", 0.18, valuable=True),
        Playbook("biggest_spenders", "reward", "never", 0.15, valuable=True),
        Playbook("one_time_buyers", "welcome", "if_driven", 0.05),
        Playbook("dormant", "feedback", "if_driven", 0.02, lapsed=True),
        Playbook("coupon_driven", "clear", "always", 0.10),
        Playbook("due_to_reorder", "remind", "never", 0.20),
        # Predictive
        Playbook("churn_risk", "winback", "if_driven", 0.06, valuable=True, lapsed=True),
        Playbook("active", "grow", "never", 0.10),
        # Interest-based (rules on categories or launches)
        Playbook("trend_followers", "grow", "never", 0.12),
        # Everyone else
        Playbook("others", "keep", "if_driven", 0.03),
    )
}

# Other names the segmentation may use for the same kind of segment (small-data RFM, rule ids
# written differently, predictive names). Matched after normalisation (see :func:`normalize`).
ALIASES: dict[str, str] = {
    # RFM spellings and the small-data (3x3) names
    "cant_lose_them": "cant_lose",
    "can_t_lose_them": "cant_lose",
    "can_t_lose": "cant_lose",
    "cannot_lose": "cant_lose",
    "new": "new_customers",
    "newcomers": "new_customers",
    "best": "champions",
    "best_customers": "champions",
    "top": "champions",
    "vip": "champions",
    "regular": "loyal",
    "regulars": "loyal",
    "loyal_customers": "loyal",
    "occasional": "promising",
    "occasionals": "promising",
    "growing": "potential_loyalists",
    "potential": "potential_loyalists",
    "slipping": "about_to_sleep",
    "lapsing": "about_to_sleep",
    "cooling": "about_to_sleep",
    "sleeping": "about_to_sleep",
    "lost": "hibernating",
    "gone": "hibernating",
    "lost_customers": "hibernating",
    # Rule presets
    "inactive_3m": "inactive",
    "inactive_3_months": "inactive",
    "inactive_90d": "inactive",
    "inactive_over_3_months": "inactive",
    "super_buyer": "super_buyers",
    "superbuyers": "super_buyers",
    "big_spenders": "biggest_spenders",
    "top_spenders": "biggest_spenders",
    "biggest_spender": "biggest_spenders",
    "one_time": "one_time_buyers",
    "one_timers": "one_time_buyers",
    "one_time_buyer": "one_time_buyers",
    "single_purchase": "one_time_buyers",
    "coupon": "coupon_driven",
    "coupon_buyers": "coupon_driven",
    "coupon_users": "coupon_driven",
    "discount_driven": "coupon_driven",
    "deal_seekers": "coupon_driven",
    "reorder": "due_to_reorder",
    "due_reorder": "due_to_reorder",
    "due_for_reorder": "due_to_reorder",
    "reorder_due": "due_to_reorder",
    "other": "others",
    "rest": "others",
    "unmatched": "others",
    "trend": "trend_followers",
    "trendsetters": "trend_followers",
    "early_adopters": "trend_followers",
    "new_collection": "trend_followers",
    "amateurs_de_nouveautes": "trend_followers",
    "tendance": "trend_followers",
    # Other names the app's segmentation gives in French
    "plus_gros_clients": "biggest_spenders",
    "a_relancer_pour_racheter": "due_to_reorder",
    "chasseurs_de_promotions": "coupon_driven",
    "sur_le_point_de_s_endormir": "about_to_sleep",
    "forte_valeur_future": "champions",
    "actifs": "active",
    "probablement_perdus": "hibernating",
    # Predictive
    "churn": "churn_risk",
    "at_risk_of_churn": "churn_risk",
    "likely_active": "active",
    "alive": "active",
    "high_value": "champions",
    "likely_lost": "hibernating",
    "inactive_predicted": "hibernating",
}

TEXTS = Messages(
    {
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
        # --- Churn risk (predictive) ------------------------------------------------------------
        "churn_risk.name": ("Churn risk", "Risque de départ"),
        "churn_risk.objective": (
            "Keep valuable customers whose chance of still being active has dropped.",
            "Garder des clients précieux dont la probabilité d'être encore actifs a baissé.",
        ),
        "churn_risk.message": (
            "We have not seen you for a while and we value you: here is something picked for you. Is there anything we could do better?",
            "Nous ne vous avons pas vu depuis un moment et vous comptez pour nous : voici une attention choisie pour vous. Pouvons-nous faire mieux ?",
        ),
        "churn_risk.offer": (
            "A personal offer on their favourite products (a gift or free delivery from {threshold}); ask what would bring them back.",
            "Une offre personnelle sur leurs produits préférés (un cadeau ou la livraison offerte dès {threshold}) ; demandez ce qui les ferait revenir.",
        ),
        "churn_risk.offer_discount": (
            "A personal {discount} off their favourite products from {threshold}; ask what would bring them back.",
            "Une remise personnelle de {discount} sur leurs produits préférés dès {threshold} ; demandez ce qui les ferait revenir.",
        ),
        "churn_risk.timing": (
            "Now, before the probability drops further; one follow-up two weeks later.",
            "Maintenant, avant que la probabilité ne baisse encore ; un suivi deux semaines plus tard.",
        ),
        "churn_risk.kpi": (
            "Reactivation rate, probability of being active at the next analysis, revenue won back.",
            "Taux de réactivation, probabilité d'être actif à la prochaine analyse, chiffre d'affaires regagné.",
        ),
        "churn_risk.avoid": (
            "Waiting for the next season; generic promotions.",
            "Attendre la prochaine saison ; les promotions génériques.",
        ),
        # --- Active (predictive) ----------------------------------------------------------------
        "active.name": ("Likely active", "Probablement actifs"),
        "active.objective": (
            "Keep active customers engaged and grow their basket.",
            "Garder l'intérêt des clients actifs et faire grandir leur panier.",
        ),
        "active.message": (
            "Thank you for your visits! Here are our latest products chosen for you.",
            "Merci de vos visites ! Voici nos derniers produits choisis pour vous.",
        ),
        "active.offer": (
            "Recommendations based on their purchases; free delivery from {threshold}.",
            "Des recommandations selon leurs achats ; livraison offerte dès {threshold}.",
        ),
        "active.offer_discount": (
            "Recommendations based on their purchases; free delivery from {threshold}.",
            "Des recommandations selon leurs achats ; livraison offerte dès {threshold}.",
        ),
        "active.timing": (
            "At their usual rhythm.",
            "À leur rythme habituel.",
        ),
        "active.kpi": (
            "Average basket, purchase frequency.",
            "Panier moyen, fréquence d'achat.",
        ),
        "active.avoid": (
            "Discounts they do not need; too many messages.",
            "Des remises dont ils n'ont pas besoin ; trop de messages.",
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
)

FIELDS = ("objective", "message", "offer", "timing", "kpi", "avoid")


def normalize(text: str) -> str:
    """Lower-case ASCII words joined by ``_`` ("Can't lose them" -> ``"can_t_lose_them"``)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


def _names_index() -> dict[str, str]:
    """Every playbook's display name (both languages), normalised -> playbook id."""
    index: dict[str, str] = {}
    for pid in PLAYBOOKS:
        for lang in ("en", "fr"):
            index.setdefault(normalize(TEXTS(f"{pid}.name", lang)), pid)
    return index


_NAMES = _names_index()


def lookup(key: str, name: str | None = None) -> str | None:
    """The playbook id for a segment key (and display name), or None when nothing matches.

    The part after the colon is tried first (``"rule:super_buyers"``), then its aliases, then
    the display name in either language ("Super acheteurs"). Cluster keys and rules known only
    by a number return None: their playbook comes from their profile.
    """
    tail = normalize(key.split(":", 1)[1] if ":" in key else key)
    for candidate in (tail, ALIASES.get(tail)):
        if candidate and candidate in PLAYBOOKS:
            return candidate
    if name:
        norm = normalize(name)
        if norm in _NAMES:
            return _NAMES[norm]
        if norm in ALIASES:
            return ALIASES[norm]
    return None


def text(playbook_id: str, field_name: str, lang: str, **params: object) -> str:
    """A playbook's text for one field in ``lang`` (placeholders filled from ``params``)."""
    return TEXTS(f"{playbook_id}.{field_name}", lang, **params)
