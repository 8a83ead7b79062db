<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR" sourcelanguage="en_GB">
<context>
    <name>AccountPanel</name>
    <message>
        <source>Row account</source>
        <translation>Bilan des lignes</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>E&amp;xcluded rows:</source>
        <translation>Lignes e&amp;xclues :</translation>
    </message>
    <message>
        <source>Show excluded rows for this reason</source>
        <translation>Afficher les lignes exclues pour ce motif</translation>
    </message>
    <message>
        <source>Excluded rows</source>
        <translation>Lignes exclues</translation>
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation>Rien n'a été importé. %1</translation>
    </message>
    <message>
        <source>No file imported yet.</source>
        <translation>Aucun fichier importé pour l'instant.</translation>
    </message>
    <message>
        <source>The files were not read again. %1 The account below is the previous reading's.</source>
        <translation>Les fichiers n'ont pas été relus. %1 Le bilan ci-dessous est celui de la lecture précédente.</translation>
    </message>
    <message>
        <source>{read}: {kept}, {excluded}. {customers}.</source>
        <translation>{read} : {kept}, {excluded}. {customers}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) read</source>
        <translation>
            <numerusform>%Ln ligne lue</numerusform>
            <numerusform>%Ln lignes lues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln kept</source>
        <translation>
            <numerusform>%Ln conservée</numerusform>
            <numerusform>%Ln conservées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln excluded</source>
        <translation>
            <numerusform>%Ln exclue</numerusform>
            <numerusform>%Ln exclues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln client</numerusform>
            <numerusform>%Ln clients</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 kept rows are dated after the analysis date and are left out of the segments.</source>
        <translation>%1 lignes conservées sont datées après la date d'analyse et restent hors des segments.</translation>
    </message>
    <message>
        <source>%1 › %2: %3</source>
        <translation>%1 › %2 : %3</translation>
    </message>
    <message>
        <source>Values that could not be read:</source>
        <translation>Valeurs illisibles :</translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Conservées</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>Tous les motifs</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Row in the file</source>
        <translation>Ligne dans le fichier</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
</context>
<context>
    <name>ActPage</name>
    <message>
        <source>Default control group share</source>
        <translation>Part par défaut du groupe témoin</translation>
    </message>
    <message>
        <source>Share of each segment kept out of the campaign to measure its effect</source>
        <translation>Part de chaque segment tenue hors de la campagne pour en mesurer l'effet</translation>
    </message>
    <message>
        <source>Default &amp;control group</source>
        <translation>Groupe &amp;témoin par défaut</translation>
    </message>
    <message>
        <source>Export the workbook…</source>
        <translation>Exporter le classeur…</translation>
    </message>
    <message>
        <source>Plans per segment</source>
        <translation>Plans par segment</translation>
    </message>
    <message>
        <source>Group the customers first (step 3): each segment then gets a plan here.</source>
        <translation>Regroupez d'abord les clients (étape 3) : chaque segment reçoit alors ici un plan.</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Agir</translation>
    </message>
    <message>
        <source>{plans}, {contacts}, budget {budget}, expected return {net}</source>
        <translation>{plans}, {contacts}, budget {budget}, gain attendu {net}</translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s)</source>
        <translation>
            <numerusform>%n plan</numerusform>
            <numerusform>%n plans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) to contact</source>
        <translation>
            <numerusform>%Ln client à contacter</numerusform>
            <numerusform>%Ln clients à contacter</numerusform>
        </translation>
    </message>
    <message>
        <source>(ROI {roi}).</source>
        <translation>(ROI {roi}).</translation>
    </message>
    <message>
        <source>Edit the plan</source>
        <translation>Modifier le plan</translation>
    </message>
    <message>
        <source>Back to the suggested plan</source>
        <translation>Revenir au plan suggéré</translation>
    </message>
    <message>
        <source>Change the control share</source>
        <translation>Changer la part du groupe témoin</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Table</source>
        <extracomment>Emitted with the rows (caller's numbering) selected in the table view.</extracomment>
        <translation>Tableau</translation>
    </message>
    <message>
        <source>Show these figures as a table</source>
        <translation>Afficher ces chiffres sous forme de tableau</translation>
    </message>
    <message>
        <source>Show as table</source>
        <translation>Afficher en tableau</translation>
    </message>
    <message>
        <source>{title} (table)</source>
        <translation>{title} (tableau)</translation>
    </message>
</context>
<context>
    <name>ClusterMapChart</name>
    <message>
        <source>Cluster map</source>
        <extracomment>Points drawn at most: beyond, a fixed random sample is drawn (the shape of the map is the same and drawing stays under ~0.1 s); a rectangle still selects among every customer. The selected customer ids (empty: nothing selected).</extracomment>
        <translation>Carte des groupes</translation>
    </message>
    <message>
        <source>First axis of the map</source>
        <translation>Premier axe de la carte</translation>
    </message>
    <message>
        <source>Second axis of the map</source>
        <translation>Second axe de la carte</translation>
    </message>
    <message>
        <source>Select area</source>
        <translation>Sélectionner une zone</translation>
    </message>
    <message>
        <source>Drag a rectangle to select customers (or hold Shift while dragging)</source>
        <translation>Tracez un rectangle pour sélectionner des clients (ou maintenez Maj en glissant)</translation>
    </message>
    <message>
        <source>Select an area of the map</source>
        <translation>Sélectionner une zone de la carte</translation>
    </message>
    <message>
        <source>{points} customers in {groups} groups. Hover a point to see the customer.</source>
        <translation>{points} clients en {groups} groupes. Survolez un point pour voir le client.</translation>
    </message>
    <message>
        <source>A sample of {n} is drawn; a rectangle selects among all of them.</source>
        <translation>Un échantillon de {n} est dessiné ; un rectangle sélectionne parmi tous les clients.</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Centre, first axis</source>
        <translation>Centre, premier axe</translation>
    </message>
    <message>
        <source>Centre, second axis</source>
        <translation>Centre, second axe</translation>
    </message>
    <message>
        <source>Customer {id}: {group}</source>
        <translation>Client {id} : {group}</translation>
    </message>
    <message numerus="yes">
        <source>and %n more here</source>
        <translation>
            <numerusform>et %n autre ici</numerusform>
            <numerusform>et %n autres ici</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClusterParams</name>
    <message>
        <source>Choose the number of groups automatically</source>
        <translation>Choisir le nombre de groupes automatiquement</translation>
    </message>
    <message>
        <source>Number of groups</source>
        <translation>Nombre de groupes</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>Critères</translation>
    </message>
    <message>
        <source>recency, frequency, spend</source>
        <translation>récence, fréquence, dépense</translation>
    </message>
    <message>
        <source>Silhouette {s} (how well the groups separate, from -1 to 1); stability {t} ({verdict}).</source>
        <translation>Silhouette {s} (séparation des groupes, de -1 à 1) ; stabilité {t} ({verdict}).</translation>
    </message>
</context>
<context>
    <name>CollectPage</name>
    <message>
        <source>&amp;Open files…</source>
        <translation>&amp;Ouvrir des fichiers…</translation>
    </message>
    <message>
        <source>Open your sales or customer files (CSV, Excel, OpenDocument), or drop them on this window.</source>
        <translation>Ouvrez vos fichiers de ventes ou de clients (CSV, Excel, OpenDocument), ou déposez-les sur cette fenêtre.</translation>
    </message>
    <message>
        <source>&amp;Day first (31/01/2026)</source>
        <translation>&amp;Jour d'abord (31/01/2026)</translation>
    </message>
    <message>
        <source>&amp;Month first (01/31/2026)</source>
        <translation>&amp;Mois d'abord (01/31/2026)</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Fichiers :</translation>
    </message>
    <message>
        <source>Imported files</source>
        <translation>Fichiers importés</translation>
    </message>
    <message>
        <source>&amp;Remove file</source>
        <translation>&amp;Retirer le fichier</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <source>Row account</source>
        <translation>Bilan des lignes</translation>
    </message>
    <message>
        <source>Matches across files</source>
        <translation>Rapprochements entre fichiers</translation>
    </message>
    <message>
        <source>Drop your sales export here (CSV, Excel or OpenDocument), or click “Open files…”.

Several files can be combined: orders from the till and the web shop, a customer list. Your files are only read, never changed, and stay on this computer.</source>
        <translation>Déposez ici votre export de ventes (CSV, Excel ou OpenDocument), ou cliquez sur « Ouvrir des fichiers… ».

Plusieurs fichiers peuvent être combinés : les commandes de la caisse et de la boutique en ligne, une liste de clients. Vos fichiers sont seulement lus, jamais modifiés, et restent sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>Collecter</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>non importé</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>clients</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>commandes</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 lignes</translation>
    </message>
    <message>
        <source>Open sales or customer files</source>
        <translation>Ouvrir des fichiers de ventes ou de clients</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.tsv *.txt *.gz *.xlsx *.xlsm *.xls *.ods);;All files (*)</source>
        <translation>Tableurs (*.csv *.tsv *.txt *.gz *.xlsx *.xlsm *.xls *.ods);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Reading the files</source>
        <translation>Lecture des fichiers</translation>
    </message>
    <message>
        <source>Reading a preview</source>
        <translation>Lecture d'un aperçu</translation>
    </message>
    <message>
        <source>Check the highlighted columns: their role was guessed with little certainty (%1).</source>
        <translation>Vérifiez les colonnes surlignées : leur rôle a été deviné avec peu de certitude (%1).</translation>
    </message>
    <message>
        <source>Each column's role was recognised. Change one with its list if it is wrong.</source>
        <translation>Le rôle de chaque colonne a été reconnu. Changez-le avec sa liste s'il est faux.</translation>
    </message>
    <message>
        <source>Change how a file is read</source>
        <translation>Changer la lecture d'un fichier</translation>
    </message>
    <message>
        <source>Change a column's role</source>
        <translation>Changer le rôle d'une colonne</translation>
    </message>
    <message>
        <source>Choose the date order</source>
        <translation>Choisir l'ordre des dates</translation>
    </message>
    <message>
        <source>Keep identical rows as purchases</source>
        <translation>Garder les lignes identiques comme achats</translation>
    </message>
    <message>
        <source>The dates in %1 could be read day first or month first (is 03/04 the 3rd of April or the 4th of March?). Which is it?</source>
        <translation>Les dates de %1 peuvent se lire jour d'abord ou mois d'abord (03/04 est-il le 3 avril ou le 4 mars ?). Lequel est-ce ?</translation>
    </message>
    <message>
        <source>In {path}, sheet {sheet}, no column was recognised as {roles}. The workbook has other sheets ({others}): choose the one with your customers' sales in “Sheet” above the preview, then click “Read again”.</source>
        <translation>Dans {path}, feuille {sheet}, aucune colonne n'a été reconnue comme {roles}. Le classeur a d'autres feuilles ({others}) : choisissez celle des ventes à vos clients dans « Feuille » au-dessus de l'aperçu, puis cliquez sur « Relire ».</translation>
    </message>
    <message>
        <source>In {path}, no column was recognised as {roles}. Give the columns their roles in the Columns tab: the file is read again at once.</source>
        <translation>Dans {path}, aucune colonne n'a été reconnue comme {roles}. Donnez leur rôle aux colonnes dans l'onglet Colonnes : le fichier est relu aussitôt.</translation>
    </message>
</context>
<context>
    <name>ConditionsDialog</name>
    <message>
        <source>Edit rule</source>
        <extracomment>Comparisons offered in the editor (the core's ``rules.OPS``, listed here to stay importable early).</extracomment>
        <translation>Modifier la règle</translation>
    </message>
    <message>
        <source>Segment name</source>
        <translation>Nom du segment</translation>
    </message>
    <message>
        <source>all the tests (AND)</source>
        <translation>tous les tests (ET)</translation>
    </message>
    <message>
        <source>any of the tests (OR)</source>
        <translation>au moins un des tests (OU)</translation>
    </message>
    <message>
        <source>Customers must pass</source>
        <translation>Les clients doivent passer</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Critère</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Tests of the rule</source>
        <translation>Tests de la règle</translation>
    </message>
    <message>
        <source>This rule has nested conditions: {text}. Adding tests here replaces them.</source>
        <translation>Cette règle a des conditions imbriquées : {text}. Ajouter des tests ici les remplace.</translation>
    </message>
    <message>
        <source>Add test</source>
        <translation>Ajouter un test</translation>
    </message>
    <message>
        <source>Remove test</source>
        <translation>Retirer le test</translation>
    </message>
    <message>
        <source>Values: a number or a text; two values for 'between' and several for 'in', separated by ';'. Dates as YYYY-MM-DD.</source>
        <translation>Valeurs : un nombre ou un texte ; deux valeurs pour « between » et plusieurs pour « in », séparées par « ; ». Dates au format AAAA-MM-JJ.</translation>
    </message>
</context>
<context>
    <name>CriteriaPage</name>
    <message>
        <source>{reason}: {columns}</source>
        <translation>{reason} : {columns}</translation>
    </message>
    <message>
        <source>&amp;Goal:</source>
        <translation>&amp;Objectif :</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Choose criteria</source>
        <translation>Choisir les critères</translation>
    </message>
    <message>
        <source>Describing the criteria</source>
        <translation>Description des critères</translation>
    </message>
    <message>
        <source>The criteria catalogue is coming in a later version of Segmenter.</source>
        <translation>Le catalogue des critères arrive dans une prochaine version de Segmenter.</translation>
    </message>
    <message>
        <source>%1 of customers</source>
        <translation>%1 des clients</translation>
    </message>
    <message>
        <source>Share of customers with a value for this criterion</source>
        <translation>Part des clients qui ont une valeur pour ce critère</translation>
    </message>
    <message>
        <source>same for every customer</source>
        <translation>identique pour tous</translation>
    </message>
    <message>
        <source>Every customer has the same value (%1): this criterion cannot tell them apart.</source>
        <translation>Tous les clients ont la même valeur (%1) : ce critère ne peut pas les distinguer.</translation>
    </message>
    <message>
        <source>not in your files</source>
        <translation>absent de vos fichiers</translation>
    </message>
    <message>
        <source>None of your files gives a value for this criterion.</source>
        <translation>Aucun de vos fichiers ne donne de valeur pour ce critère.</translation>
    </message>
    <message>
        <source>Import your files in step 1 to see the criteria your data allows.</source>
        <translation>Importez vos fichiers à l'étape 1 pour voir les critères que vos données permettent.</translation>
    </message>
    <message>
        <source>No particular goal</source>
        <translation>Pas d'objectif particulier</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>%1 Suggested method: %2.</source>
        <translation>%1 Méthode suggérée : %2.</translation>
    </message>
    <message>
        <source>Choose a goal to have criteria and a method proposed, or tick the criteria yourself.</source>
        <translation>Choisissez un objectif pour qu'on vous propose des critères et une méthode, ou cochez vous-même les critères.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln criteria chosen.</source>
        <translation>
            <numerusform>%Ln critère choisi.</numerusform>
            <numerusform>%Ln critères choisis.</numerusform>
        </translation>
    </message>
    <message>
        <source>RFM scores</source>
        <translation>scores RFM</translation>
    </message>
    <message>
        <source>rules</source>
        <translation>règles</translation>
    </message>
    <message>
        <source>clusters</source>
        <translation>groupes automatiques</translation>
    </message>
    <message>
        <source>predictions</source>
        <translation>prédictions</translation>
    </message>
    <message>
        <source>Choose a goal</source>
        <translation>Choisir un objectif</translation>
    </message>
</context>
<context>
    <name>DataFrameModel</name>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Choose what to write. Your input files are never changed.</source>
        <translation>Choisissez ce qu'il faut écrire. Vos fichiers d'origine ne sont jamais modifiés.</translation>
    </message>
    <message>
        <source>Excel &amp;workbook (summary, action plan, one sheet per segment)</source>
        <translation>&amp;Classeur Excel (synthèse, plan d'action, une feuille par segment)</translation>
    </message>
    <message>
        <source>Workbook file</source>
        <translation>Fichier du classeur</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier :</translation>
    </message>
    <message>
        <source>Choose the workbook file</source>
        <translation>Choisir le fichier du classeur</translation>
    </message>
    <message>
        <source>&amp;Mailing files (one CSV per segment, for your e-mail tool)</source>
        <translation>Fichiers d'&amp;envoi (un CSV par segment, pour votre outil d'e-mailing)</translation>
    </message>
    <message>
        <source>Folder for the mailing files</source>
        <translation>Dossier des fichiers d'envoi</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>Choisir le dossier</translation>
    </message>
    <message>
        <source>&amp;Pseudonymize the workbook (for sharing it outside the shop)</source>
        <translation>&amp;Pseudonymiser le classeur (pour le partager hors de la boutique)</translation>
    </message>
    <message>
        <source>Customer ids are replaced by codes, and names, e-mails and phones are left out. Keep the key file to find who is who.</source>
        <translation>Les identifiants clients sont remplacés par des codes ; noms, e-mails et téléphones sont retirés. Gardez le fichier de clé pour retrouver qui est qui.</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Fichier de clé</translation>
    </message>
    <message>
        <source>Key file:</source>
        <translation>Fichier de clé :</translation>
    </message>
    <message>
        <source>Choose the key file</source>
        <translation>Choisir le fichier de clé</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Avancement de l'export</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Export workbook</source>
        <translation>Exporter le classeur</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Key file (*.txt)</source>
        <translation>Fichier de clé (*.txt)</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Export en cours</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>Export annulé ; rien n'a été écrit.</translation>
    </message>
    <message>
        <source>The export failed; see the message.</source>
        <translation>L'export a échoué ; voyez le message.</translation>
    </message>
    <message>
        <source>Workbook written: %1 (%2 sheets).</source>
        <translation>Classeur écrit : %1 (%2 feuilles).</translation>
    </message>
    <message>
        <source>%1 cells were too long for Excel and were cut.</source>
        <translation>%1 cellules étaient trop longues pour Excel et ont été coupées.</translation>
    </message>
    <message>
        <source>%1 mailing files written.</source>
        <translation>%1 fichiers d'envoi écrits.</translation>
    </message>
    <message>
        <source>Keep the key file private: %1</source>
        <translation>Gardez le fichier de clé pour vous : %1</translation>
    </message>
</context>
<context>
    <name>GroupEditsMixin</name>
    <message>
        <source>Rename segment</source>
        <translation>Renommer le segment</translation>
    </message>
    <message>
        <source>Merge segments</source>
        <translation>Fusionner des segments</translation>
    </message>
    <message>
        <source>Move customers</source>
        <translation>Déplacer des clients</translation>
    </message>
</context>
<context>
    <name>GroupFilterMixin</name>
    <message>
        <source>Showing {shown} of {total} customers: {what}</source>
        <translation>{shown} clients affichés sur {total} : {what}</translation>
    </message>
    <message>
        <source>All {total} customers. Click a chart to filter.</source>
        <translation>Les {total} clients. Cliquez sur un graphique pour filtrer.</translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <source>RFM scores (recency, frequency, spend)</source>
        <translation>Scores RFM (récence, fréquence, dépense)</translation>
    </message>
    <message>
        <source>Rules you write, in priority order</source>
        <translation>Règles que vous écrivez, par ordre de priorité</translation>
    </message>
    <message>
        <source>Clusters found in the data</source>
        <translation>Groupes trouvés dans les données</translation>
    </message>
    <message>
        <source>Predictions (still active, lifetime value)</source>
        <translation>Prédictions (encore actif, valeur vie client)</translation>
    </message>
    <message>
        <source>Grouping method</source>
        <translation>Méthode de regroupement</translation>
    </message>
    <message>
        <source>&amp;Method</source>
        <translation>&amp;Méthode</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>RFM grid</source>
        <translation>Grille RFM</translation>
    </message>
    <message>
        <source>Cluster map</source>
        <translation>Carte des groupes</translation>
    </message>
    <message>
        <source>Silhouette</source>
        <translation>Silhouette</translation>
    </message>
    <message>
        <source>Customers and the reason for their segment</source>
        <translation>Les clients et la raison de leur segment</translation>
    </message>
    <message>
        <source>Show all customers</source>
        <translation>Afficher tous les clients</translation>
    </message>
    <message>
        <source>Segment to move the selected customers to</source>
        <translation>Segment vers lequel déplacer les clients sélectionnés</translation>
    </message>
    <message>
        <source>Move selected customers to</source>
        <translation>Déplacer les clients sélectionnés vers</translation>
    </message>
    <message>
        <source>Segments and customers</source>
        <translation>Segments et clients</translation>
    </message>
    <message>
        <source>Quality check</source>
        <translation>Contrôle qualité</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Regrouper</translation>
    </message>
    <message>
        <source>Import the customers' orders first (step 1).</source>
        <translation>Importez d'abord les commandes des clients (étape 1).</translation>
    </message>
    <message>
        <source>Change the grouping settings</source>
        <translation>Changer les réglages du regroupement</translation>
    </message>
    <message>
        <source>Change the grouping method</source>
        <translation>Changer la méthode de regroupement</translation>
    </message>
    <message>
        <source>Updating the segments…</source>
        <translation>Mise à jour des segments…</translation>
    </message>
    <message>
        <source>Grouping the customers</source>
        <translation>Regroupement des clients</translation>
    </message>
    <message>
        <source>The segments could not be computed.</source>
        <translation>Les segments n'ont pas pu être calculés.</translation>
    </message>
    <message>
        <source>{customers} customers in {segments} segments.</source>
        <translation>{customers} clients en {segments} segments.</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) picked on the map</source>
        <translation><numerusform>%n client choisi sur la carte</numerusform><numerusform>%n clients choisis sur la carte</numerusform></translation>
    </message>
    <message>
        <source>Segment</source>
        <extracomment>Customer-table columns, in order (those absent from the data are left out).</extracomment>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Why this segment</source>
        <translation>Pourquoi ce segment</translation>
    </message>
    <message>
        <source>Days since last purchase</source>
        <translation>Jours depuis le dernier achat</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>Dépense</translation>
    </message>
    <message>
        <source>Average basket</source>
        <translation>Panier moyen</translation>
    </message>
    <message>
        <source>Control group</source>
        <translation>Groupe témoin</translation>
    </message>
</context>
<context>
    <name>HeaderRowBox</name>
    <message>
        <source>automatic</source>
        <translation>automatique</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
</context>
<context>
    <name>HeatmapChart</name>
    <message>
        <source>Row</source>
        <extracomment>The selected cells as a list of (row, column) tuples, rows counted from the top.</extracomment>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>Histogram</name>
    <message>
        <source>Distribution</source>
        <translation>Distribution</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Collect</source>
        <translation>Collecter</translation>
    </message>
    <message>
        <source>Choose criteria</source>
        <translation>Choisir les critères</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Regrouper</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Agir</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mesurer</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open sales &amp;files…</source>
        <translation>Ouvrir des &amp;fichiers de ventes…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>&amp;Enregistrer le projet</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Enregistrer le projet &amp;sous…</translation>
    </message>
    <message>
        <source>&amp;Recent projects</source>
        <translation>Projets &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Preferences</source>
        <translation>&amp;Préférences</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Celle du système</translation>
    </message>
    <message>
        <source>Expor&amp;t…</source>
        <translation>Expor&amp;ter…</translation>
    </message>
    <message>
        <source>Write the segmented workbook (once the customers are grouped)</source>
        <translation>Écrire le classeur segmenté (une fois les clients regroupés)</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; Pré&amp;cédent</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>Étape précédente</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Étape suivante</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Finish the steps before this one first.</source>
        <translation>Terminez d'abord les étapes précédentes.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Untitled project</source>
        <translation>Projet sans titre</translation>
    </message>
</context>
<context>
    <name>MatchesPanel</name>
    <message>
        <source>Customers matched across files</source>
        <translation>Clients rapprochés entre fichiers</translation>
    </message>
    <message>
        <source>Customers are matched across files when you import several files.</source>
        <translation>Les clients sont rapprochés entre fichiers quand vous en importez plusieurs.</translation>
    </message>
    <message>
        <source>No customer was found in more than one file.</source>
        <translation>Aucun client n'a été trouvé dans plus d'un fichier.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) recognised in several files by the same customer id, e-mail or phone. Check them below.</source>
        <translation>
            <numerusform>%Ln client reconnu dans plusieurs fichiers par le même identifiant client, e-mail ou téléphone. Vérifiez-le ci-dessous.</numerusform>
            <numerusform>%Ln clients reconnus dans plusieurs fichiers par le même identifiant client, e-mail ou téléphone. Vérifiez-les ci-dessous.</numerusform>
        </translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>téléphone</translation>
    </message>
    <message>
        <source>customer id</source>
        <translation>identifiant client</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Matched on</source>
        <translation>Rapproché par</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Ids in the files</source>
        <translation>Identifiants dans les fichiers</translation>
    </message>
</context>
<context>
    <name>MeasurePage</name>
    <message>
        <source>Import results…</source>
        <translation>Importer des résultats…</translation>
    </message>
    <message>
        <source>A campaign results sheet (customer, converted yes/no, revenue) or a later sales export of your till or web shop</source>
        <translation>Une feuille de résultats de campagne (client, converti oui/non, chiffre d'affaires) ou un export de ventes ultérieur de votre caisse ou boutique en ligne</translation>
    </message>
    <message>
        <source>Compare with a saved project…</source>
        <translation>Comparer avec un projet enregistré…</translation>
    </message>
    <message>
        <source>See how customers moved between segments since an earlier project was saved</source>
        <translation>Voir comment les clients ont changé de segment depuis l'enregistrement d'un projet antérieur</translation>
    </message>
    <message>
        <source>Campaign date</source>
        <translation>Date de la campagne</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Days after the campaign that count as a conversion</source>
        <translation>Jours après la campagne qui comptent comme conversion</translation>
    </message>
    <message>
        <source>Campaign &amp;date</source>
        <translation>&amp;Date de la campagne</translation>
    </message>
    <message>
        <source>&amp;Window (sales exports)</source>
        <translation>&amp;Fenêtre (exports de ventes)</translation>
    </message>
    <message>
        <source>Measurement shown</source>
        <translation>Mesure affichée</translation>
    </message>
    <message>
        <source>Showing</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <source>After the campaign, import its results here: a sheet with one row per customer (customer, converted yes/no, revenue), or your next sales export with the campaign date. The control group kept aside in step 4 tells what the campaign changed.</source>
        <translation>Après la campagne, importez ici ses résultats : une feuille avec une ligne par client (client, converti oui/non, chiffre d'affaires), ou votre prochain export de ventes avec la date de la campagne. Le groupe témoin mis de côté à l'étape 4 indique ce que la campagne a changé.</translation>
    </message>
    <message>
        <source>Results per segment</source>
        <translation>Résultats par segment</translation>
    </message>
    <message>
        <source>Conversions and revenue per segment</source>
        <translation>Conversions et chiffre d'affaires par segment</translation>
    </message>
    <message>
        <source>Conversions</source>
        <translation>Conversions</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Chiffre d'affaires</translation>
    </message>
    <message>
        <source>Revenue per customer over the control group (95% interval)</source>
        <translation>Chiffre d'affaires par client au-delà du groupe témoin (intervalle à 95 %)</translation>
    </message>
    <message>
        <source>Customers who left the best segments</source>
        <translation>Clients sortis des meilleurs segments</translation>
    </message>
    <message>
        <source>Conversion uplift</source>
        <translation>Gain de conversion</translation>
    </message>
    <message>
        <source>Revenue uplift</source>
        <translation>Gain de chiffre d'affaires</translation>
    </message>
    <message>
        <source>Conversions and revenue</source>
        <translation>Conversions et chiffre d'affaires</translation>
    </message>
    <message>
        <source>Migration</source>
        <translation>Migration</translation>
    </message>
    <message>
        <source>Sizes across snapshots</source>
        <translation>Tailles d'un instantané à l'autre</translation>
    </message>
    <message>
        <source>Left the best segments</source>
        <translation>Sortis des meilleurs segments</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mesurer</translation>
    </message>
    <message>
        <source>Import campaign results</source>
        <translation>Importer des résultats de campagne</translation>
    </message>
    <message>
        <source>Results or sales files</source>
        <translation>Fichiers de résultats ou de ventes</translation>
    </message>
    <message>
        <source>Measuring the results</source>
        <translation>Mesure des résultats</translation>
    </message>
    <message>
        <source>Compare with a saved project</source>
        <translation>Comparer avec un projet enregistré</translation>
    </message>
    <message>
        <source>Segmenter projects (*.segmenter)</source>
        <translation>Projets Segmenter (*.segmenter)</translation>
    </message>
    <message>
        <source>Comparing with the saved project</source>
        <translation>Comparaison avec le projet enregistré</translation>
    </message>
    <message>
        <source>Import results</source>
        <translation>Importer des résultats</translation>
    </message>
    <message>
        <source>From {before} to {after}: {moved} customers changed segment.</source>
        <translation>Du {before} au {after} : {moved} clients ont changé de segment.</translation>
    </message>
    <message>
        <source>All segments: {text}</source>
        <translation>Tous les segments : {text}</translation>
    </message>
    <message>
        <source>The results say nothing about the control group: the uplift cannot be measured.</source>
        <translation>Les résultats ne disent rien du groupe témoin : le gain ne peut pas être mesuré.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) of the file not in the analysis.</source>
        <translation>
            <numerusform>%Ln client du fichier ne figure pas dans l'analyse.</numerusform>
            <numerusform>%Ln clients du fichier ne figurent pas dans l'analyse.</numerusform>
        </translation>
    </message>
    <message>
        <source>every customer of the file is in the analysis.</source>
        <translation>tous les clients du fichier figurent dans l'analyse.</translation>
    </message>
    <message>
        <source>%1, %2; %3</source>
        <translation>%1, %2 ; %3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) read</source>
        <translation>
            <numerusform>%Ln ligne lue</numerusform>
            <numerusform>%Ln lignes lues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln left out</source>
        <translation>
            <numerusform>%Ln écartée</numerusform>
            <numerusform>%Ln écartées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contacted customer(s) missing from the results count as not converted.</source>
        <translation>
            <numerusform>%n client contacté absent des résultats compte comme non converti.</numerusform>
            <numerusform>%n clients contactés absents des résultats comptent comme non convertis.</numerusform>
        </translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contactés</translation>
    </message>
    <message>
        <source>Control group</source>
        <translation>Groupe témoin</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>Taux de conversion</translation>
    </message>
    <message>
        <source>Control rate</source>
        <translation>Taux du témoin</translation>
    </message>
    <message>
        <source>Average basket</source>
        <translation>Panier moyen</translation>
    </message>
    <message>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <source>Retention or reactivation</source>
        <translation>Fidélisation ou réactivation</translation>
    </message>
    <message>
        <source>reactivation {rate}</source>
        <translation>réactivation {rate}</translation>
    </message>
    <message>
        <source>retention {rate}</source>
        <translation>fidélisation {rate}</translation>
    </message>
    <message>
        <source>Conversion uplift (percentage points)</source>
        <translation>Gain de conversion (points de pourcentage)</translation>
    </message>
    <message>
        <source>Revenue per customer, contacted minus control</source>
        <translation>Chiffre d'affaires par client, contactés moins témoin</translation>
    </message>
    <message>
        <source>(new customers)</source>
        <translation>(nouveaux clients)</translation>
    </message>
    <message>
        <source>(no longer there)</source>
        <translation>(plus présents)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Was in</source>
        <translation>Était dans</translation>
    </message>
    <message>
        <source>Is now in</source>
        <translation>Est maintenant dans</translation>
    </message>
</context>
<context>
    <name>MigrationHeatmap</name>
    <message>
        <source>Migration between segments</source>
        <translation>Migration entre segments</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After (segment numbers as on the left)</source>
        <translation>Après (numéros de segment comme à gauche)</translation>
    </message>
    <message>
        <source>{total} customers compared; {stayed} stayed in the same segment.</source>
        <translation>{total} clients comparés ; {stayed} sont restés dans le même segment.</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>The “%1” step is coming in a later version of Segmenter.</source>
        <extracomment>Stable id of the step: "collect", "criteria", "group", "act" or "measure".</extracomment>
        <translation>L'étape « %1 » arrive dans une prochaine version de Segmenter.</translation>
    </message>
</context>
<context>
    <name>PlanCard</name>
    <message>
        <source>Objective</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <source>How to reach them</source>
        <translation>Comment les joindre</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Moment</translation>
    </message>
    <message>
        <source>KPI to watch</source>
        <translation>Indicateur à suivre</translation>
    </message>
    <message>
        <source>Avoid</source>
        <translation>À éviter</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Appel téléphonique</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Courrier</translation>
    </message>
    <message>
        <source>In-store voucher</source>
        <translation>Bon en magasin</translation>
    </message>
    <message>
        <source>Channel used</source>
        <translation>Canal utilisé</translation>
    </message>
    <message>
        <source>Cost per contact</source>
        <translation>Coût par contact</translation>
    </message>
    <message>
        <source>Expected response rate</source>
        <translation>Taux de réponse attendu</translation>
    </message>
    <message>
        <source>Average basket</source>
        <translation>Panier moyen</translation>
    </message>
    <message>
        <source>Control group share</source>
        <translation>Part du groupe témoin</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Customers contacted</source>
        <translation>Clients contactés</translation>
    </message>
    <message>
        <source>Expected conversions</source>
        <translation>Conversions attendues</translation>
    </message>
    <message>
        <source>Expected revenue</source>
        <translation>Chiffre d'affaires attendu</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Expected return</source>
        <translation>Gain attendu</translation>
    </message>
    <message>
        <source>Return on investment</source>
        <translation>Retour sur investissement</translation>
    </message>
    <message>
        <source>Back to the suggestion</source>
        <translation>Revenir à la suggestion</translation>
    </message>
    <message>
        <source>Forget your changes to this plan</source>
        <translation>Oublier vos modifications de ce plan</translation>
    </message>
    <message numerus="yes">
        <source>{priority}. {name}: {size} customer(s)</source>
        <translation>
            <numerusform>{priority}. {name} : {size} client</numerusform>
            <numerusform>{priority}. {name} : {size} clients</numerusform>
        </translation>
    </message>
    <message>
        <source>no one to contact</source>
        <translation>personne à contacter</translation>
    </message>
    <message>
        <source>no cost entered</source>
        <translation>aucun coût saisi</translation>
    </message>
    <message>
        <source>{share} of {customers} rounds to no one: there is no control group, so the campaign's effect cannot be compared with customers who were not contacted. Raise the control share, or measure this segment together with a similar one.</source>
        <translation>{share} de {customers}, cela fait moins d'un client : pas de groupe témoin, donc l'effet de la campagne ne pourra pas être comparé à des clients non contactés. Augmentez la part du groupe témoin, ou mesurez ce segment avec un segment proche.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln client</numerusform>
            <numerusform>%Ln clients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PredictiveParams</name>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Prediction horizon in days</source>
        <translation>Horizon de prédiction en jours</translation>
    </message>
    <message>
        <source>Predict over</source>
        <translation>Prédire sur</translation>
    </message>
    <message>
        <source>Purchases (BG/NBD) fitted on {n} customers: r {r}, alpha {alpha} {unit}, a {a}, b {b}; log-likelihood {ll}.</source>
        <translation>Achats (BG/NBD) ajustés sur {n} clients : r {r}, alpha {alpha} {unit}, a {a}, b {b} ; log-vraisemblance {ll}.</translation>
    </message>
    <message>
        <source>Basket (Gamma-Gamma): p {p}, q {q}, gamma {g}.</source>
        <translation>Panier (Gamma-Gamma) : p {p}, q {q}, gamma {g}.</translation>
    </message>
    <message>
        <source>Checked on {start} to {end}: {predicted} purchases predicted, {actual} made ({error} %).</source>
        <translation>Vérifié du {start} au {end} : {predicted} achats prévus, {actual} réalisés ({error} %).</translation>
    </message>
    <message>
        <source>Set an analysis date before the last sale to check the predictions against what happened.</source>
        <translation>Choisissez une date d'analyse antérieure à la dernière vente pour comparer les prévisions à ce qui s'est passé.</translation>
    </message>
</context>
<context>
    <name>PreviewGrid</name>
    <message>
        <source>Preview of the file</source>
        <translation>Aperçu du fichier</translation>
    </message>
</context>
<context>
    <name>ProjectFilesMixin</name>
    <message>
        <source>Projects</source>
        <translation>Projets</translation>
    </message>
    <message>
        <source>Project files are coming in a later version of Segmenter.</source>
        <translation>Les fichiers de projet arrivent dans une prochaine version de Segmenter.</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>Segmenter projects (*%1)</source>
        <translation>Projets Segmenter (*%1)</translation>
    </message>
    <message>
        <source>Opening the project</source>
        <translation>Ouverture du projet</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>Enregistrer le projet</translation>
    </message>
    <message>
        <source>Project saved.</source>
        <translation>Projet enregistré.</translation>
    </message>
    <message>
        <source>Saving the project</source>
        <translation>Enregistrement du projet</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>This project has changes that are not saved. Save them first?</source>
        <translation>Ce projet a des modifications non enregistrées. Les enregistrer d'abord ?</translation>
    </message>
</context>
<context>
    <name>ReadingControls</name>
    <message>
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulation</translation>
    </message>
    <message>
        <source>Spaces</source>
        <translation>Espaces</translation>
    </message>
    <message>
        <source>Two or more spaces</source>
        <translation>Deux espaces ou plus</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>Séparateur</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Feuille</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>Ligne d'en-tête</translation>
    </message>
    <message>
        <source>Read &amp;again</source>
        <translation>Re&amp;lire</translation>
    </message>
    <message>
        <source>E&amp;ncoding:</source>
        <translation>&amp;Encodage :</translation>
    </message>
    <message>
        <source>De&amp;limiter:</source>
        <translation>Séparate&amp;ur :</translation>
    </message>
    <message>
        <source>Header ro&amp;w:</source>
        <translation>Ligne d'en-&amp;tête :</translation>
    </message>
    <message>
        <source>S&amp;heet:</source>
        <translation>Feu&amp;ille :</translation>
    </message>
    <message>
        <source> (hidden)</source>
        <translation> (masquée)</translation>
    </message>
</context>
<context>
    <name>RfmGridChart</name>
    <message>
        <source>RFM grid: customers by recency and frequency score</source>
        <extracomment>Selected cells as a list of (r_score, f_score) pairs.</extracomment>
        <translation>Grille RFM : clients par score de récence et de fréquence</translation>
    </message>
    <message>
        <source>Recency score (R, {best} = most recent)</source>
        <translation>Score de récence (R, {best} = le plus récent)</translation>
    </message>
    <message>
        <source>Frequency score (F, {best} = most frequent)</source>
        <translation>Score de fréquence (F, {best} = le plus fréquent)</translation>
    </message>
    <message>
        <source>{total} customers on a {rows} by {cols} grid. Click a cell to list its customers.</source>
        <translation>{total} clients sur une grille de {rows} par {cols}. Cliquez sur une case pour lister ses clients.</translation>
    </message>
</context>
<context>
    <name>RfmParams</name>
    <message>
        <source>Automatic (3 scores below 200 customers)</source>
        <translation>Automatique (3 scores sous 200 clients)</translation>
    </message>
    <message>
        <source>3 scores below 200 customers, 5 from 200 customers up</source>
        <translation>3 scores sous 200 clients, 5 à partir de 200 clients</translation>
    </message>
    <message>
        <source>5 scores</source>
        <translation>5 scores</translation>
    </message>
    <message>
        <source>3 scores (small data)</source>
        <translation>3 scores (peu de données)</translation>
    </message>
    <message>
        <source>Number of RFM scores</source>
        <translation>Nombre de scores RFM</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Scores</translation>
    </message>
    <message>
        <source>Recency cut points (days)</source>
        <translation>Seuils de récence (jours)</translation>
    </message>
    <message>
        <source>Frequency cut points (orders)</source>
        <translation>Seuils de fréquence (commandes)</translation>
    </message>
    <message>
        <source>Monetary cut points (spend)</source>
        <translation>Seuils de montant (dépense)</translation>
    </message>
    <message>
        <source>Numbers separated by ';', in increasing order. Press Enter to apply.</source>
        <translation>Nombres séparés par « ; », en ordre croissant. Appuyez sur Entrée pour appliquer.</translation>
    </message>
    <message>
        <source>Compute the cut points again</source>
        <translation>Recalculer les seuils</translation>
    </message>
    <message>
        <source>Forget the edited cut points and let the app choose them from the data</source>
        <translation>Oublier les seuils modifiés et laisser l'application les choisir d'après les données</translation>
    </message>
    <message>
        <source>Automatic: 3 scores (under 200 customers)</source>
        <translation>Automatique : 3 scores (moins de 200 clients)</translation>
    </message>
    <message>
        <source>Automatic: 5 scores (200 customers or more)</source>
        <translation>Automatique : 5 scores (200 clients ou plus)</translation>
    </message>
    <message>
        <source>Every customer has the same value: no cut point, one score for all.</source>
        <translation>Tous les clients ont la même valeur : aucun seuil, un seul score pour tous.</translation>
    </message>
    <message>
        <source>Write the cut points as numbers separated by ';', e.g. 30 ; 90 ; 180.</source>
        <translation>Écrivez les seuils comme des nombres séparés par « ; », par ex. 30 ; 90 ; 180.</translation>
    </message>
</context>
<context>
    <name>RoleTable</name>
    <message>
        <source>Column roles</source>
        <translation>Rôles des colonnes</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Exemples</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Certitude</translation>
    </message>
    <message>
        <source>Role of column %1</source>
        <translation>Rôle de la colonne %1</translation>
    </message>
    <message>
        <source>Not sure: please check this role.</source>
        <translation>Pas sûr : vérifiez ce rôle.</translation>
    </message>
    <message>
        <source>Recognised export format: %1</source>
        <translation>Format d'export reconnu : %1</translation>
    </message>
    <message>
        <source>From the column name</source>
        <translation>D'après le nom de la colonne</translation>
    </message>
    <message>
        <source>From a word in the column name</source>
        <translation>D'après un mot du nom de la colonne</translation>
    </message>
    <message>
        <source>From the values</source>
        <translation>D'après les valeurs</translation>
    </message>
    <message>
        <source>As you chose for a file with the same columns</source>
        <translation>Comme vous l'avez choisi pour un fichier aux mêmes colonnes</translation>
    </message>
    <message>
        <source>From the mapping file</source>
        <translation>D'après le fichier de correspondance</translation>
    </message>
    <message>
        <source>Chosen by you</source>
        <translation>Choisi par vous</translation>
    </message>
</context>
<context>
    <name>RulesParams</name>
    <message>
        <source>Rules in priority order</source>
        <translation>Règles par ordre de priorité</translation>
    </message>
    <message>
        <source>Preset rules</source>
        <translation>Règles prêtes à l'emploi</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Ajouter une règle</translation>
    </message>
    <message>
        <source>Add preset</source>
        <translation>Ajouter une règle prête</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Charger…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <source>Higher priority: customers are checked against it first</source>
        <translation>Priorité plus haute : les clients sont d'abord comparés à cette règle</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) matched several rules and went to the first.</source>
        <translation>
            <numerusform>%n client correspondait à plusieurs règles et a été placé dans la première.</numerusform>
            <numerusform>%n clients correspondaient à plusieurs règles et ont été placés dans la première.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) matched no rule: they are in Others.</source>
        <translation>
            <numerusform>%n client ne correspond à aucune règle : il est dans Autres.</numerusform>
            <numerusform>%n clients ne correspondent à aucune règle : ils sont dans Autres.</numerusform>
        </translation>
    </message>
    <message>
        <source>{number}. {rule}: {condition}</source>
        <translation>{number}. {rule} : {condition}</translation>
    </message>
    <message>
        <source>({assigned} customers, {matched} matching)</source>
        <translation>({assigned} clients, {matched} correspondants)</translation>
    </message>
    <message>
        <source>New segment</source>
        <translation>Nouveau segment</translation>
    </message>
    <message>
        <source>Load rules</source>
        <translation>Charger des règles</translation>
    </message>
    <message>
        <source>Rules (*.json)</source>
        <translation>Règles (*.json)</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>Enregistrer les règles</translation>
    </message>
</context>
<context>
    <name>SegmentBarsChart</name>
    <message>
        <source>Segment sizes and revenue</source>
        <extracomment>The selected segment keys, in display order (empty: nothing selected).</extracomment>
        <translation>Taille et chiffre d'affaires des segments</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Chiffre d'affaires</translation>
    </message>
    <message>
        <source>{segments}; the largest is {name} with {customers}.</source>
        <translation>{segments} ; le plus grand est {name} avec {customers}.</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln client</numerusform>
            <numerusform>%Ln clients</numerusform>
        </translation>
    </message>
    <message>
        <source>No segments yet.</source>
        <translation>Pas encore de segments.</translation>
    </message>
    <message>
        <source>No revenue
to show</source>
        <translation>Aucun chiffre
d'affaires
à montrer</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Share of customers</source>
        <translation>Part des clients</translation>
    </message>
    <message>
        <source>Share of revenue</source>
        <translation>Part du chiffre d'affaires</translation>
    </message>
</context>
<context>
    <name>SegmentsPanel</name>
    <message>
        <source>Segments and their quality check</source>
        <translation>Les segments et leur contrôle de qualité</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Rename the selected segment (or double-click its name)</source>
        <translation>Renommer le segment sélectionné (ou double-cliquez sur son nom)</translation>
    </message>
    <message>
        <source>Merge selected</source>
        <translation>Fusionner la sélection</translation>
    </message>
    <message>
        <source>Merge the selected segments into the first one</source>
        <translation>Fusionner les segments sélectionnés dans le premier</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Revenue share</source>
        <translation>Part du CA</translation>
    </message>
    <message>
        <source>Advice</source>
        <translation>Conseil</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Joignables</translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation>Distinct</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Measurable: it has customers and revenue to measure</source>
        <translation>Mesurable : il a des clients et un chiffre d'affaires à mesurer</translation>
    </message>
    <message>
        <source>Substantial: big enough to be worth a campaign</source>
        <translation>Substantiel : assez grand pour justifier une campagne</translation>
    </message>
    <message>
        <source>Accessible: enough of its customers can be reached</source>
        <translation>Accessible : assez de ses clients sont joignables</translation>
    </message>
    <message>
        <source>Differentiable: not a near copy of another segment</source>
        <translation>Différenciable : pas une quasi-copie d'un autre segment</translation>
    </message>
    <message>
        <source>Actionable: it has a plan (step 4)</source>
        <translation>Actionnable : il a un plan (étape 4)</translation>
    </message>
    <message>
        <source>{segment}: {advice}</source>
        <translation>{segment} : {advice}</translation>
    </message>
    <message>
        <source>All segments: {advice}</source>
        <translation>Tous les segments : {advice}</translation>
    </message>
    <message>
        <source>Every segment passes the five checks.</source>
        <translation>Chaque segment passe les cinq contrôles.</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>non réussi</translation>
    </message>
    <message>
        <source>At least {n} customers are needed for a campaign.</source>
        <translation>Il faut au moins {n} clients pour une campagne.</translation>
    </message>
    <message>
        <source>No contact details in the data.</source>
        <translation>Aucune coordonnée dans les données.</translation>
    </message>
    <message>
        <source>{share} can be reached by email or phone.</source>
        <translation>{share} joignables par e-mail ou téléphone.</translation>
    </message>
    <message>
        <source>Nearest segment: {name}</source>
        <translation>Segment le plus proche : {name}</translation>
    </message>
    <message>
        <source>Has a plan in step 4 (Act).</source>
        <translation>A un plan à l'étape 4 (Agir).</translation>
    </message>
    <message>
        <source>Has customers and revenue to measure.</source>
        <translation>A des clients et un chiffre d'affaires à mesurer.</translation>
    </message>
</context>
<context>
    <name>SilhouetteChart</name>
    <message>
        <source>Silhouette by number of clusters</source>
        <extracomment>The number of clusters the user clicked.</extracomment>
        <translation>Silhouette selon le nombre de groupes</translation>
    </message>
    <message>
        <source>Number of clusters (k)</source>
        <translation>Nombre de groupes (k)</translation>
    </message>
    <message>
        <source>Silhouette (higher separates better)</source>
        <translation>Silhouette (plus haut = mieux séparé)</translation>
    </message>
    <message>
        <source>Clusters (k)</source>
        <translation>Groupes (k)</translation>
    </message>
    <message>
        <source>Silhouette</source>
        <translation>Silhouette</translation>
    </message>
    <message>
        <source>Chosen</source>
        <translation>Choisi</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>k = {k} was chosen, with a silhouette of {score}. Click another k to use it.</source>
        <translation>k = {k} a été choisi, avec une silhouette de {score}. Cliquez sur un autre k pour l'utiliser.</translation>
    </message>
    <message>
        <source>chosen: k = {k}</source>
        <translation>choisi : k = {k}</translation>
    </message>
</context>
<context>
    <name>SnapshotSizesChart</name>
    <message>
        <source>Segment sizes across snapshots</source>
        <translation>Taille des segments d'un instantané à l'autre</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Évolution</translation>
    </message>
    <message>
        <source>From {first} to {last}, {grew} grew the most and {shrank} shrank the most.</source>
        <translation>De {first} à {last}, {grew} a le plus grandi et {shrank} a le plus diminué.</translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the running task</source>
        <translation>Annuler la tâche en cours</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avancement</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>TwinsBanner</name>
    <message>
        <source>&amp;Keep as purchases</source>
        <translation>&amp;Garder comme achats</translation>
    </message>
    <message>
        <source>&amp;They are duplicates</source>
        <translation>&amp;Ce sont des doublons</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Keep as purchase(s)</source>
        <translation>
            <numerusform>&amp;Garder comme achat</numerusform>
            <numerusform>&amp;Garder comme achats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;They are duplicate(s)</source>
        <translation>
            <numerusform>&amp;C'est un doublon</numerusform>
            <numerusform>&amp;Ce sont des doublons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) repeat an earlier row exactly and were set aside as duplicates. The file has no order number and no time of purchase: were they separate purchases of the same amount on the same day?</source>
        <translation>
            <numerusform>%Ln ligne répète exactement une ligne précédente et a été mise de côté comme doublon. Le fichier n'a ni numéro de commande ni heure d'achat : s'agit-il d'un achat distinct du même montant le même jour ?</numerusform>
            <numerusform>%Ln lignes répètent exactement une ligne précédente et ont été mises de côté comme doublons. Le fichier n'a ni numéro de commande ni heure d'achat : s'agit-il d'achats distincts du même montant le même jour ?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UpliftChart</name>
    <message>
        <source>Uplift over the control group (95% interval)</source>
        <extracomment>The segment key clicked (empty string: click beside the segments).</extracomment>
        <translation>Gain par rapport au groupe témoin (intervalle à 95 %)</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Uplift</source>
        <translation>Gain</translation>
    </message>
    <message>
        <source>Interval low</source>
        <translation>Borne basse</translation>
    </message>
    <message>
        <source>Interval high</source>
        <translation>Borne haute</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Lecture</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s) measured</source>
        <translation>
            <numerusform>%n segment mesuré</numerusform>
            <numerusform>%n segments mesurés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with an uplift that is likely real.</source>
        <translation>
            <numerusform>%n avec un gain probablement réel.</numerusform>
            <numerusform>%n avec un gain probablement réel.</numerusform>
        </translation>
    </message>
    <message>
        <source>No control group in these results: no uplift can be measured.</source>
        <translation>Pas de groupe témoin dans ces résultats : aucun gain ne peut être mesuré.</translation>
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>Column %1</source>
        <translation>Colonne %1</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>This cannot be used as it is</source>
        <translation>Impossible d'utiliser ceci tel quel</translation>
    </message>
    <message>
        <source>Something went wrong inside Segmenter. Your files were not changed.

Try the last action again; if it fails again, save your project under a new name, restart Segmenter and send the log file to support.</source>
        <translation>Un problème est survenu dans Segmenter. Vos fichiers n'ont pas été modifiés.

Réessayez la dernière action ; si elle échoue encore, enregistrez votre projet sous un autre nom, redémarrez Segmenter et envoyez le fichier journal à l'assistance.</translation>
    </message>
    <message>
        <source>The log file is here:
%1</source>
        <translation>Le fichier journal se trouve ici :
%1</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Customer id</source>
        <translation>Identifiant client</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>N° de commande</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>Date de commande</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Product code</source>
        <translation>Code produit</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>Code promo</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation>Consentement marketing</translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation>Désinscrit</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>Statut de commande</translation>
    </message>
    <message>
        <source>(ignore this column)</source>
        <translation>(ignorer cette colonne)</translation>
    </message>
</context>
</TS>