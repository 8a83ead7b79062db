<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>AccountPanel</name>
    <message>
        <source>Row account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E&amp;xcluded rows:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show excluded rows for this reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Excluded rows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No file imported yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The files were not read again. %1 The account below is the previous reading's.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{read}: {kept}, {excluded}. {customers}.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%Ln row(s) read</source>
        <translation>
            <numerusform>%Ln row read</numerusform>
            <numerusform>%Ln rows read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln kept</source>
        <translation>
            <numerusform>%Ln kept</numerusform>
            <numerusform>%Ln kept</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln excluded</source>
        <translation>
            <numerusform>%Ln excluded</numerusform>
            <numerusform>%Ln excluded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln customer</numerusform>
            <numerusform>%Ln customers</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 kept rows are dated after the analysis date and are left out of the segments.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 › %2: %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Values that could not be read:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 › %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kept</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All reasons</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row in the file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ActPage</name>
    <message>
        <source>Default control group share</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share of each segment kept out of the campaign to measure its effect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Default &amp;control group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export the workbook…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Plans per segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Group the customers first (step 3): each segment then gets a plan here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Act</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{plans}, {contacts}, budget {budget}, expected return {net}</source>
        <translation type="unfinished" />
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
            <numerusform>%Ln customer to contact</numerusform>
            <numerusform>%Ln customers to contact</numerusform>
        </translation>
    </message>
    <message>
        <source>(ROI {roi}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit the plan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back to the suggested plan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Change the control share</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Table</source>
        <extracomment>Emitted with the rows (caller's numbering) selected in the table view.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show these figures as a table</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show as table</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{title} (table)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ClusterMapChart</name>
    <message>
        <source>Cluster map</source>
        <extracomment>Points drawn at most: beyond, a fixed random sample is drawn (the shape of the map is the same and drawing stays under ~0.1 s); a rectangle still selects among every customer. The selected customer ids (empty: nothing selected).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>First axis of the map</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Second axis of the map</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select area</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drag a rectangle to select customers (or hold Shift while dragging)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select an area of the map</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{points} customers in {groups} groups. Hover a point to see the customer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A sample of {n} is drawn; a rectangle selects among all of them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Centre, first axis</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Centre, second axis</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customer {id}: {group}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>and %n more here</source>
        <translation>
            <numerusform>and %n more here</numerusform>
            <numerusform>and %n more here</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClusterParams</name>
    <message>
        <source>Choose the number of groups automatically</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Number of groups</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Criteria</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>recency, frequency, spend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Silhouette {s} (how well the groups separate, from -1 to 1); stability {t} ({verdict}).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CollectPage</name>
    <message>
        <source>&amp;Open files…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open your sales or customer files (CSV, Excel, OpenDocument), or drop them on this window.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Day first (31/01/2026)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Month first (01/31/2026)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Files:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Imported files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Remove file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Matches across files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drop your sales export here (CSV, Excel or OpenDocument), or click “Open files…”.

Several files can be combined: orders from the till and the web shop, a customer list. Your files are only read, never changed, and stay on this computer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Collect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not imported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>orders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 rows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open sales or customer files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Spreadsheets (*.csv *.tsv *.txt *.gz *.xlsx *.xlsm *.xls *.ods);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading the files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading a preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check the highlighted columns: their role was guessed with little certainty (%1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Each column's role was recognised. Change one with its list if it is wrong.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Change how a file is read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Change a column's role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the date order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep identical rows as purchases</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The dates in %1 could be read day first or month first (is 03/04 the 3rd of April or the 4th of March?). Which is it?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In {path}, sheet {sheet}, no column was recognised as {roles}. The workbook has other sheets ({others}): choose the one with your customers' sales in “Sheet” above the preview, then click “Read again”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In {path}, no column was recognised as {roles}. Give the columns their roles in the Columns tab: the file is read again at once.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ConditionsDialog</name>
    <message>
        <source>Edit rule</source>
        <extracomment>Comparisons offered in the editor (the core's ``rules.OPS``, listed here to stay importable early).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>all the tests (AND)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>any of the tests (OR)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers must pass</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Criterion</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tests of the rule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This rule has nested conditions: {text}. Adding tests here replaces them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add test</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove test</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Values: a number or a text; two values for 'between' and several for 'in', separated by ';'. Dates as YYYY-MM-DD.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CriteriaPage</name>
    <message>
        <source>{reason}: {columns}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Goal:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Goal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose criteria</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Describing the criteria</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The criteria catalogue is coming in a later version of Segmenter.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share of customers with a value for this criterion</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>same for every customer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every customer has the same value (%1): this criterion cannot tell them apart.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not in your files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>None of your files gives a value for this criterion.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import your files in step 1 to see the criteria your data allows.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No particular goal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 Suggested method: %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a goal to have criteria and a method proposed, or tick the criteria yourself.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%Ln criteria chosen.</source>
        <translation>
            <numerusform>%Ln criterion chosen.</numerusform>
            <numerusform>%Ln criteria chosen.</numerusform>
        </translation>
    </message>
    <message>
        <source>RFM scores</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rules</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>clusters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>predictions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a goal</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DataFrameModel</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose what to write. Your input files are never changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Excel &amp;workbook (summary, action plan, one sheet per segment)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Workbook file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the workbook file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Mailing files (one CSV per segment, for your e-mail tool)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder for the mailing files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Pseudonymize the workbook (for sharing it outside the shop)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customer ids are replaced by codes, and names, e-mails and phones are left out. Keep the key file to find who is who.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key file:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the key file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export workbook</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key file (*.txt)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exporting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The export failed; see the message.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Workbook written: %1 (%2 sheets).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 cells were too long for Excel and were cut.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 mailing files written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep the key file private: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>GroupEditsMixin</name>
    <message>
        <source>Rename segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merge segments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move customers</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>GroupFilterMixin</name>
    <message>
        <source>Showing {shown} of {total} customers: {what}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All {total} customers. Click a chart to filter.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <source>RFM scores (recency, frequency, spend)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rules you write, in priority order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clusters found in the data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Predictions (still active, lifetime value)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grouping method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>RFM grid</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cluster map</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Silhouette</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers and the reason for their segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show all customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment to move the selected customers to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move selected customers to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segments and customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quality check</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import the customers' orders first (step 1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Change the grouping settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Change the grouping method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Updating the segments…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grouping the customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The segments could not be computed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{customers} customers in {segments} segments.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n customer(s) picked on the map</source>
        <translation><numerusform>%n customer picked on the map</numerusform><numerusform>%n customers picked on the map</numerusform></translation>
    </message>
    <message>
        <source>Segment</source>
        <extracomment>Customer-table columns, in order (those absent from the data are left out).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Why this segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Days since last purchase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Average basket</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Control group</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HeaderRowBox</name>
    <message>
        <source>automatic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HeatmapChart</name>
    <message>
        <source>Row</source>
        <extracomment>The selected cells as a list of (row, column) tuples, rows counted from the top.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Histogram</name>
    <message>
        <source>Distribution</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Collect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose criteria</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Act</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measure</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open sales &amp;files…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Recent projects</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Preferences</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expor&amp;t…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write the segmented workbook (once the customers are grouped)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Previous step</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finish the steps before this one first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Untitled project</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MatchesPanel</name>
    <message>
        <source>Customers matched across files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers are matched across files when you import several files.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No customer was found in more than one file.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) recognised in several files by the same customer id, e-mail or phone. Check them below.</source>
        <translation>
            <numerusform>%Ln customer recognised in several files by the same customer id, e-mail or phone. Check it below.</numerusform>
            <numerusform>%Ln customers recognised in several files by the same customer id, e-mail or phone. Check them below.</numerusform>
        </translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>customer id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Matched on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ids in the files</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MeasurePage</name>
    <message>
        <source>Import results…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A campaign results sheet (customer, converted yes/no, revenue) or a later sales export of your till or web shop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Compare with a saved project…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>See how customers moved between segments since an earlier project was saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Campaign date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Days after the campaign that count as a conversion</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Campaign &amp;date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Window (sales exports)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measurement shown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Showing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>After the campaign, import its results here: a sheet with one row per customer (customer, converted yes/no, revenue), or your next sales export with the campaign date. The control group kept aside in step 4 tells what the campaign changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Results per segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversions and revenue per segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revenue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revenue per customer over the control group (95% interval)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers who left the best segments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversion uplift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revenue uplift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversions and revenue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Migration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sizes across snapshots</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Left the best segments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measure</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import campaign results</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Results or sales files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measuring the results</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Compare with a saved project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segmenter projects (*.segmenter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comparing with the saved project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import results</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From {before} to {after}: {moved} customers changed segment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All segments: {text}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The results say nothing about the control group: the uplift cannot be measured.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) of the file not in the analysis.</source>
        <translation>
            <numerusform>%Ln customer of the file is not in the analysis.</numerusform>
            <numerusform>%Ln customers of the file are not in the analysis.</numerusform>
        </translation>
    </message>
    <message>
        <source>every customer of the file is in the analysis.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1, %2; %3</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%Ln row(s) read</source>
        <translation>
            <numerusform>%Ln row read</numerusform>
            <numerusform>%Ln rows read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln left out</source>
        <translation>
            <numerusform>%Ln left out</numerusform>
            <numerusform>%Ln left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contacted customer(s) missing from the results count as not converted.</source>
        <translation>
            <numerusform>%n contacted customer missing from the results counts as not converted.</numerusform>
            <numerusform>%n contacted customers missing from the results count as not converted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contacted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Control group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversion rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Control rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Average basket</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ROI</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retention or reactivation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>reactivation {rate}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>retention {rate}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversion uplift (percentage points)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revenue per customer, contacted minus control</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(new customers)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(no longer there)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Was in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Is now in</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MigrationHeatmap</name>
    <message>
        <source>Migration between segments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>After (segment numbers as on the left)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{total} customers compared; {stayed} stayed in the same segment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>The “%1” step is coming in a later version of Segmenter.</source>
        <extracomment>Stable id of the step: "collect", "criteria", "group", "act" or "measure".</extracomment>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PlanCard</name>
    <message>
        <source>Objective</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How to reach them</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Timing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KPI to watch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Avoid</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone call</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Letter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In-store voucher</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Channel used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cost per contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expected response rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Average basket</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Control group share</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers contacted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expected conversions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expected revenue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Budget</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expected return</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Return on investment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back to the suggestion</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Forget your changes to this plan</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>{priority}. {name}: {size} customer(s)</source>
        <translation>
            <numerusform>{priority}. {name}: {size} customer</numerusform>
            <numerusform>{priority}. {name}: {size} customers</numerusform>
        </translation>
    </message>
    <message>
        <source>no one to contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no cost entered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{share} of {customers} rounds to no one: there is no control group, so the campaign's effect cannot be compared with customers who were not contacted. Raise the control share, or measure this segment together with a similar one.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln customer</numerusform>
            <numerusform>%Ln customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PredictiveParams</name>
    <message>
        <source> days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Prediction horizon in days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Predict over</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Purchases (BG/NBD) fitted on {n} customers: r {r}, alpha {alpha} {unit}, a {a}, b {b}; log-likelihood {ll}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Basket (Gamma-Gamma): p {p}, q {q}, gamma {g}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checked on {start} to {end}: {predicted} purchases predicted, {actual} made ({error} %).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set an analysis date before the last sale to check the predictions against what happened.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PreviewGrid</name>
    <message>
        <source>Preview of the file</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProjectFilesMixin</name>
    <message>
        <source>Projects</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Project files are coming in a later version of Segmenter.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segmenter projects (*%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opening the project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Project saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving the project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear the list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This project has changes that are not saved. Save them first?</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReadingControls</name>
    <message>
        <source>Encoding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Spaces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Two or more spaces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delimiter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sheet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Header row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read &amp;again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E&amp;ncoding:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>De&amp;limiter:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Header ro&amp;w:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>S&amp;heet:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (hidden)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RfmGridChart</name>
    <message>
        <source>RFM grid: customers by recency and frequency score</source>
        <extracomment>Selected cells as a list of (r_score, f_score) pairs.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recency score (R, {best} = most recent)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Frequency score (F, {best} = most frequent)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{total} customers on a {rows} by {cols} grid. Click a cell to list its customers.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RfmParams</name>
    <message>
        <source>Automatic (3 scores below 200 customers)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>3 scores below 200 customers, 5 from 200 customers up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>5 scores</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>3 scores (small data)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Number of RFM scores</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scores</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recency cut points (days)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Frequency cut points (orders)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Monetary cut points (spend)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Numbers separated by ';', in increasing order. Press Enter to apply.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Compute the cut points again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Forget the edited cut points and let the app choose them from the data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic: 3 scores (under 200 customers)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic: 5 scores (200 customers or more)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every customer has the same value: no cut point, one score for all.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write the cut points as numbers separated by ';', e.g. 30 ; 90 ; 180.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RoleTable</name>
    <message>
        <source>Column roles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Examples</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Role of column %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not sure: please check this role.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recognised export format: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From the column name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From a word in the column name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From the values</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>As you chose for a file with the same columns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From the mapping file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Chosen by you</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RulesParams</name>
    <message>
        <source>Rules in priority order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preset rules</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add rule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add preset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Load…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Higher priority: customers are checked against it first</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n customer(s) matched several rules and went to the first.</source>
        <translation>
            <numerusform>%n customer matched several rules and went to the first.</numerusform>
            <numerusform>%n customers matched several rules and went to the first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) matched no rule: they are in Others.</source>
        <translation>
            <numerusform>%n customer matched no rule: they are in Others.</numerusform>
            <numerusform>%n customers matched no rule: they are in Others.</numerusform>
        </translation>
    </message>
    <message>
        <source>{number}. {rule}: {condition}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>({assigned} customers, {matched} matching)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Load rules</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rules (*.json)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save rules</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SegmentBarsChart</name>
    <message>
        <source>Segment sizes and revenue</source>
        <extracomment>The selected segment keys, in display order (empty: nothing selected).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revenue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{segments}; the largest is {name} with {customers}.</source>
        <translation type="unfinished" />
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
            <numerusform>%Ln customer</numerusform>
            <numerusform>%Ln customers</numerusform>
        </translation>
    </message>
    <message>
        <source>No segments yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No revenue
to show</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share of customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share of revenue</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SegmentsPanel</name>
    <message>
        <source>Segments and their quality check</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rename the selected segment (or double-click its name)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merge selected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merge the selected segments into the first one</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revenue share</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Advice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reach</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Distinct</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measurable: it has customers and revenue to measure</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Substantial: big enough to be worth a campaign</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Accessible: enough of its customers can be reached</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Differentiable: not a near copy of another segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Actionable: it has a plan (step 4)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{segment}: {advice}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All segments: {advice}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every segment passes the five checks.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not passed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>At least {n} customers are needed for a campaign.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No contact details in the data.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{share} can be reached by email or phone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nearest segment: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Has a plan in step 4 (Act).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Has customers and revenue to measure.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SilhouetteChart</name>
    <message>
        <source>Silhouette by number of clusters</source>
        <extracomment>The number of clusters the user clicked.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Number of clusters (k)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Silhouette (higher separates better)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clusters (k)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Silhouette</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Chosen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>k = {k} was chosen, with a silhouette of {score}. Click another k to use it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>chosen: k = {k}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SnapshotSizesChart</name>
    <message>
        <source>Segment sizes across snapshots</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From {first} to {last}, {grew} grew the most and {shrank} shrank the most.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel the running task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TwinsBanner</name>
    <message>
        <source>&amp;Keep as purchases</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;They are duplicates</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>&amp;Keep as purchase(s)</source>
        <translation>
            <numerusform>&amp;Keep as a purchase</numerusform>
            <numerusform>&amp;Keep as purchases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;They are duplicate(s)</source>
        <translation>
            <numerusform>&amp;It is a duplicate</numerusform>
            <numerusform>&amp;They are duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) repeat an earlier row exactly and were set aside as duplicates. The file has no order number and no time of purchase: were they separate purchases of the same amount on the same day?</source>
        <translation>
            <numerusform>%Ln row repeats an earlier row exactly and was set aside as a duplicate. The file has no order number and no time of purchase: was it a separate purchase of the same amount on the same day?</numerusform>
            <numerusform>%Ln rows repeat an earlier row exactly and were set aside as duplicates. The file has no order number and no time of purchase: were they separate purchases of the same amount on the same day?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UpliftChart</name>
    <message>
        <source>Uplift over the control group (95% interval)</source>
        <extracomment>The segment key clicked (empty string: click beside the segments).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Uplift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interval low</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interval high</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n segment(s) measured</source>
        <translation>
            <numerusform>%n segment measured</numerusform>
            <numerusform>%n segments measured</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with an uplift that is likely real.</source>
        <translation>
            <numerusform>%n with an uplift that is likely real.</numerusform>
            <numerusform>%n with an uplift that is likely real.</numerusform>
        </translation>
    </message>
    <message>
        <source>No control group in these results: no uplift can be measured.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>Column %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>This cannot be used as it is</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Something went wrong inside Segmenter. Your files were not changed.

Try the last action again; if it fails again, save your project under a new name, restart Segmenter and send the log file to support.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The log file is here:
%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Customer id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Product code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Coupon code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Marketing consent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opted out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(ignore this column)</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>