"""The messages of the file checks (what a file is, whether it is safe to open), in English and
French: shared by :mod:`detect` and :mod:`archive_checks`, and used by the readers for the same
situations ("empty", "damaged")."""

from __future__ import annotations

from segmenter_app.core.i18n import Messages

T = Messages(
    {
        "missing": (
            "The file {path} does not exist. Check the path and try again.",
            "Le fichier {path} n'existe pas. Vérifiez le chemin et réessayez.",
        ),
        "folder": (
            "{path} is a folder, not a file. Give the path of the CSV or Excel file inside it.",
            "{path} est un dossier, pas un fichier. Donnez le chemin du fichier CSV ou Excel qu'il contient.",
        ),
        "not_regular": (
            "{path} is not an ordinary file (a pipe, a device or a socket), so it cannot be read as an "
            "export. Save the data to a CSV or Excel file and give that file.",
            "{path} n'est pas un fichier ordinaire (un tube, un périphérique ou un socket) : il ne peut "
            "pas être lu comme un export. Enregistrez les données dans un fichier CSV ou Excel et "
            "donnez ce fichier.",
        ),
        "bad_name": (
            "The name of the file {path} is not readable text (it was written by another system's "
            "character set). Rename the file, for example without accents, and give it again.",
            "Le nom du fichier {path} n'est pas un texte lisible (il a été écrit dans le jeu de "
            "caractères d'un autre système). Renommez le fichier, par exemple sans accents, et "
            "donnez-le à nouveau.",
        ),
        "empty": (
            "The file {path} holds no data (it is empty or has only blank lines). Export the data again "
            "from your software.",
            "Le fichier {path} ne contient aucune donnée (il est vide ou n'a que des lignes blanches). "
            "Exportez à nouveau les données depuis votre logiciel.",
        ),
        "encrypted": (
            "The file {path} is protected by a password. Open it in Excel or LibreOffice, remove the "
            "password (File > Info > Protect workbook), save it, and import it again.",
            "Le fichier {path} est protégé par un mot de passe. Ouvrez-le dans Excel ou LibreOffice, "
            "retirez le mot de passe (Fichier > Informations > Protéger le classeur), enregistrez-le "
            "et importez-le à nouveau.",
        ),
        "damaged": (
            "The file {path} is damaged or incomplete ({detail}). Export or download it again.",
            "Le fichier {path} est endommagé ou incomplet ({detail}). Exportez-le ou téléchargez-le à "
            "nouveau.",
        ),
        "too_big": (
            "The file {path} expands to more than the safety limit ({detail}); it may be a "
            "malicious archive. Save it again from your spreadsheet software, or split it.",
            "Le fichier {path} se décompresse au-delà de la limite de sécurité ({detail}) ; il s'agit "
            "peut-être d'une archive malveillante. Enregistrez-le à nouveau depuis votre tableur, ou "
            "découpez-le.",
        ),
        "xml_entities": (
            "The file {path} contains XML entity declarations, which spreadsheets never write; it may be "
            "a malicious file and was not opened. Save it again from Excel or LibreOffice if you trust it.",
            "Le fichier {path} contient des déclarations d'entités XML, qu'un tableur n'écrit jamais ; il "
            "s'agit peut-être d'un fichier malveillant et il n'a pas été ouvert. Enregistrez-le à nouveau "
            "depuis Excel ou LibreOffice si vous en êtes sûr.",
        ),
        "binary": (
            "The file {path} is not a spreadsheet or a text export: it holds binary data (an image, a "
            "PDF or a program, for instance). Export your data as CSV or Excel (XLSX) and import that file.",
            "Le fichier {path} n'est ni un tableur ni un export texte : il contient des données binaires "
            "(une image, un PDF ou un programme, par exemple). Exportez vos données en CSV ou en Excel "
            "(XLSX) et importez ce fichier.",
        ),
        "zip_archive": (
            "The file {path} is a ZIP archive (holding {names}), not a spreadsheet. Extract it and import "
            "the CSV or Excel file it holds, or export your data as CSV or Excel (XLSX).",
            "Le fichier {path} est une archive ZIP (contenant {names}), pas un classeur. Décompressez-la "
            "et importez le fichier CSV ou Excel qu'elle contient, ou exportez vos données en CSV ou en "
            "Excel (XLSX).",
        ),
        "document": (
            "The file {path} is a {app} document, not a spreadsheet. Copy its table into a spreadsheet "
            "and save it as Excel (XLSX) or CSV, or export your data from your software as CSV or Excel.",
            "Le fichier {path} est un document {app}, pas un classeur. Copiez son tableau dans un tableur "
            "et enregistrez-le en Excel (XLSX) ou CSV, ou exportez vos données depuis votre logiciel en "
            "CSV ou en Excel.",
        ),
        "html": (
            "The file {path} is a web page (HTML), not a spreadsheet, even if its name ends in .xls or "
            ".csv. Open it in Excel or LibreOffice and save it as Excel (XLSX), or export your data "
            "as CSV.",
            "Le fichier {path} est une page web (HTML), pas un classeur, même si son nom finit par .xls "
            "ou .csv. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le en Excel (XLSX), ou exportez "
            "vos données en CSV.",
        ),
        "xml_spreadsheet": (
            "The file {path} is an Excel 2003 XML spreadsheet, a format that is not read here. Open it "
            "in Excel or LibreOffice and save it as Excel (XLSX).",
            "Le fichier {path} est un classeur XML Excel 2003, un format qui n'est pas lu ici. Ouvrez-le "
            "dans Excel ou LibreOffice et enregistrez-le en Excel (XLSX).",
        ),
        "xml": (
            "The file {path} is an XML document, not a table. Export your data as CSV or Excel (XLSX) "
            "and import that file.",
            "Le fichier {path} est un document XML, pas un tableau. Exportez vos données en CSV ou en "
            "Excel (XLSX) et importez ce fichier.",
        ),
        "project": (
            "The file {path} is a Segmenter project, not a sales or results export. Open it in "
            "Segmenter's window, or give it to 'segmenter measure' as PROJECT (its first file).",
            "Le fichier {path} est un projet Segmenter, pas un export de ventes ou de résultats. "
            "Ouvrez-le dans la fenêtre de Segmenter, ou donnez-le à « segmenter measure » comme premier fichier "
            "(PROJECT).",
        ),
        "compressed": (
            "The file {path} is compressed ({kind}), not a spreadsheet. Extract it first (with 7-Zip "
            "or your system's archive tool) and import the CSV or Excel file it holds.",
            "Le fichier {path} est compressé ({kind}), ce n'est pas un classeur. Décompressez-le "
            "d'abord (avec 7-Zip ou l'outil d'archives de votre système) et importez le fichier CSV ou "
            "Excel qu'il contient.",
        ),
        "json": (
            "The file {path} is a JSON file (data for programs), not a table. Export your data as CSV "
            "or Excel (XLSX), or open the file in Excel (Data > Get Data > From JSON) and save it as XLSX.",
            "Le fichier {path} est un fichier JSON (des données pour les programmes), pas un tableau. "
            "Exportez vos données en CSV ou en Excel (XLSX), ou ouvrez le fichier dans Excel (Données > "
            "Obtenir des données > À partir d'un fichier JSON) et enregistrez-le en XLSX.",
        ),
        "flat_ods": (
            "The file {path} is a flat OpenDocument spreadsheet (.fods), a format that is not read here. "
            "Open it in LibreOffice Calc and save it as an ODS or Excel (XLSX) file.",
            "Le fichier {path} est un classeur OpenDocument à plat (.fods), un format qui n'est pas lu "
            "ici. Ouvrez-le dans LibreOffice Calc et enregistrez-le en ODS ou en Excel (XLSX).",
        ),
        "sheet_extent": (
            "A sheet of {path} has values from A1 to {cell} ({rows} rows by {columns} columns, most of them "
            "empty), too large to read: a value was typed far below or right of the table. In Excel, "
            "press Ctrl+End to reach it, delete the rows and columns past the table, save, and import "
            "the file again.",
            "Une feuille de {path} a des valeurs de A1 à {cell} ({rows} lignes sur {columns} colonnes, "
            "vides pour la plupart), trop grande pour être lue : une valeur a été saisie loin sous le "
            "tableau ou à sa droite. Dans Excel, appuyez sur Ctrl+Fin pour l'atteindre, supprimez les "
            "lignes et les colonnes au-delà du tableau, enregistrez, puis importez à nouveau le fichier.",
        ),
        "unsupported": (
            "The file {path} is not a spreadsheet or a text export ({detail}). Export your data as "
            "CSV or Excel (XLSX) and import that file.",
            "Le fichier {path} n'est ni un tableur ni un export texte ({detail}). Exportez vos données "
            "en CSV ou en Excel (XLSX) et importez ce fichier.",
        ),
    }
)
