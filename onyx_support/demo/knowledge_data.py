"""Knowledge articles of the demo: every audience (central support, the network's engineers, one
office, the clients of a system, the public), English, French and Arabic, some grouped as
translations, for the demo's systems and request reasons, and in every state of the Knowledge
Article Flow. Read by demo/knowledge.py.

Each article: key (names it within this file; `translation_of` points at one), author and, for
the articles that get past the review, reviewer (full names of demo users), the state to reach,
and the Knowledge Article fields."""

AUTHOR = "Maryam Saleh"  # central support
REVIEWER = "Abdullah Al-Haddad"  # central support's manager
OFFICE_AUTHOR = "Omar Bazar"  # OnyxPro Yemen
BROCHURE_KEY = "closing-en"

ARTICLES = [
	# --- public, in three languages, with a brochure ------------------------------------------------
	{
		"key": "closing-en",
		"state": "Published",
		"author": AUTHOR,
		"title": "Month-end closing stops at the stock valuation step",
		"language": "en",
		"audience": "Public",
		"system": "ONYX-ERP",
		"version_from": "15.0",
		"version_to": "15.9",
		"reasons": ["Error", "Guidance"],
		"summary": "When the closing wizard stops at stock valuation, an item usually has stock moves "
		"dated after the closing date. Find them, move or cancel them, then run the step again.",
		"content": "<p>The month-end closing of <strong>OnyxPro ERP</strong> values the stock of every "
		"warehouse on the closing date. It stops when an item has moves dated <em>after</em> that date "
		"that were posted <em>before</em> the closing started.</p>"
		"<ol><li>Open <strong>Stock &gt; Reports &gt; Stock Moves After Date</strong> and enter the "
		"closing date.</li><li>For each move listed, change its posting date to the next month or "
		"cancel it and enter it again.</li><li>Run the <strong>Stock valuation</strong> step of the "
		"closing wizard again.</li></ol>"
		"<p>If the step still stops, send a request with the wizard's message: an engineer will "
		"rebuild the stock ledger with you.</p>",
	},
	{
		"key": "closing-fr",
		"translation_of": "closing-en",
		"state": "Published",
		"author": AUTHOR,
		"title": "La clôture mensuelle s'arrête à l'étape de valorisation des stocks",
		"language": "fr",
		"audience": "Public",
		"system": "ONYX-ERP",
		"version_from": "15.0",
		"version_to": "15.9",
		"reasons": ["Error", "Guidance"],
		"summary": "Quand l'assistant de clôture s'arrête à la valorisation des stocks, un article a "
		"souvent des mouvements datés après la date de clôture. Trouvez-les, déplacez-les ou "
		"annulez-les, puis relancez l'étape.",
		"content": "<p>La clôture mensuelle d'<strong>OnyxPro ERP</strong> valorise le stock de chaque "
		"entrepôt à la date de clôture. Elle s'arrête quand un article a des mouvements datés "
		"<em>après</em> cette date mais saisis <em>avant</em> le début de la clôture.</p>"
		"<ol><li>Ouvrez <strong>Stock &gt; Rapports &gt; Mouvements après une date</strong> et saisissez "
		"la date de clôture.</li><li>Pour chaque mouvement listé, reportez sa date au mois suivant ou "
		"annulez-le et saisissez-le de nouveau.</li><li>Relancez l'étape <strong>Valorisation des "
		"stocks</strong> de l'assistant.</li></ol>"
		"<p>Si l'étape s'arrête encore, envoyez une demande avec le message de l'assistant : un "
		"ingénieur reconstruira le grand livre des stocks avec vous.</p>",
	},
	{
		"key": "closing-ar",
		"translation_of": "closing-en",
		"state": "Published",
		"author": AUTHOR,
		"title": "توقف إقفال نهاية الشهر عند خطوة تقييم المخزون",
		"language": "ar",
		"audience": "Public",
		"system": "ONYX-ERP",
		"version_from": "15.0",
		"version_to": "15.9",
		"reasons": ["Error", "Guidance"],
		"summary": "عندما يتوقف معالج الإقفال عند تقييم المخزون، يكون لصنف ما في الغالب حركات مؤرخة بعد "
		"تاريخ الإقفال. ابحث عنها وانقلها أو ألغها ثم أعد تشغيل الخطوة.",
		"content": "<p>يقيّم إقفال نهاية الشهر في <strong>OnyxPro ERP</strong> مخزون كل مستودع في تاريخ "
		"الإقفال، ويتوقف عندما تكون لصنف حركات مؤرخة <em>بعد</em> ذلك التاريخ أُدخلت <em>قبل</em> بدء "
		"الإقفال.</p>"
		"<ol><li>افتح <strong>المخزون &gt; التقارير &gt; الحركات بعد تاريخ</strong> وأدخل تاريخ "
		"الإقفال.</li><li>لكل حركة في القائمة، انقل تاريخها إلى الشهر التالي أو ألغها وأدخلها من "
		"جديد.</li><li>أعد تشغيل خطوة <strong>تقييم المخزون</strong> في المعالج.</li></ol>"
		"<p>إذا توقفت الخطوة مرة أخرى فأرسل طلب دعم مع رسالة المعالج، وسيعيد مهندس بناء دفتر المخزون "
		"معك.</p>",
	},
	# --- public, of no particular system ----------------------------------------------------------
	{
		"key": "backup-en",
		"state": "Published",
		"author": AUTHOR,
		"title": "Back up your OnyxPro database every night",
		"language": "en",
		"audience": "Public",
		"reasons": ["Guidance"],
		"summary": "A scheduled nightly backup, kept off the server, is what saves a month of work "
		"after a disk failure. Here is how to set one up and check it.",
		"content": "<p>Every OnyxPro system keeps its data in one database. Back it up every night, "
		"and keep the copies on another machine.</p>"
		"<ul><li>Schedule the backup tool for a time nobody works (for example 02:00).</li>"
		"<li>Keep at least seven nightly copies and one per month.</li>"
		"<li>Once a month, restore a copy on a test machine: a backup never restored is not a "
		"backup.</li></ul>",
	},
	{
		"key": "backup-ar",
		"translation_of": "backup-en",
		"state": "Published",
		"author": AUTHOR,
		"title": "انسخ قاعدة بيانات OnyxPro احتياطيًا كل ليلة",
		"language": "ar",
		"audience": "Public",
		"reasons": ["Guidance"],
		"summary": "النسخة الاحتياطية الليلية المجدولة والمحفوظة خارج الخادم هي ما ينقذ شهرًا من العمل "
		"بعد عطل في القرص. إليك كيف تُعدّها وتتحقق منها.",
		"content": "<p>يحفظ كل نظام من أنظمة OnyxPro بياناته في قاعدة بيانات واحدة. انسخها احتياطيًا كل "
		"ليلة واحفظ النسخ على جهاز آخر.</p>"
		"<ul><li>جدول أداة النسخ الاحتياطي في وقت لا يعمل فيه أحد (مثلًا 02:00).</li>"
		"<li>احتفظ بسبع نسخ ليلية على الأقل ونسخة لكل شهر.</li>"
		"<li>استعد نسخة على جهاز اختبار مرة كل شهر: النسخة التي لم تُستعد قط ليست نسخة.</li></ul>",
	},
	{
		"key": "language-fr",
		"state": "Published",
		"author": AUTHOR,
		"title": "Changer la langue de l'interface",
		"language": "fr",
		"audience": "Public",
		"reasons": ["Guidance"],
		"summary": "Chaque utilisateur choisit sa langue (français, anglais ou arabe) dans ses "
		"paramètres ; l'arabe s'affiche de droite à gauche.",
		"content": "<p>Ouvrez <strong>Mon compte &gt; Paramètres</strong>, choisissez la "
		"<strong>Langue</strong> puis enregistrez. L'écran se recharge dans la langue choisie.</p>"
		"<p>Les documents imprimés suivent la langue du client, pas celle de l'utilisateur.</p>",
	},
	{
		"key": "language-en",
		"translation_of": "language-fr",
		"state": "Published",
		"author": AUTHOR,
		"title": "Change the language of the screens",
		"language": "en",
		"audience": "Public",
		"reasons": ["Guidance"],
		"summary": "Each user chooses a language (French, English or Arabic) in their settings; "
		"Arabic is shown right to left.",
		"content": "<p>Open <strong>My account &gt; Settings</strong>, choose the "
		"<strong>Language</strong> and save. The screen reloads in that language.</p>"
		"<p>Printed documents follow the client's language, not the user's.</p>",
	},
	{
		"key": "update-ar",
		"state": "Published",
		"author": AUTHOR,
		"title": "طلب تحديث النظام إلى إصدار جديد",
		"language": "ar",
		"audience": "Public",
		"reasons": ["Update Delivery"],
		"summary": "اطلب التحديث من صفحة الإصدارات في بوابة الدعم، وسيجدول مكتبك موعد التثبيت معك.",
		"content": "<p>افتح <strong>الإصدارات</strong> في بوابة الدعم، واختر الإصدار المنشور لنظامك، ثم "
		"اضغط <strong>اطلب هذا التحديث</strong>.</p><p>سيتواصل معك مهندس المكتب لتحديد موعد التثبيت، "
		"وخذ نسخة احتياطية قبل الموعد.</p>",
	},
	# --- clients of one system --------------------------------------------------------------------
	{
		"key": "opening-en",
		"state": "Published",
		"author": AUTHOR,
		"title": "Post opening balances after go-live",
		"language": "en",
		"audience": "System Clients",
		"system": "ONYX-ERP",
		"version_from": "15.0",
		"reasons": ["Guidance", "Feature Adaptation"],
		"summary": "Opening balances go in one journal dated the day before go-live, with the "
		"temporary opening account balancing it.",
		"content": "<p>Enter all opening balances in <strong>one opening journal</strong> dated the day "
		"before go-live. Balance it with the <em>Temporary Opening</em> account, then check that this "
		"account ends at zero once stock and receivables are in.</p>",
	},
	{
		"key": "opening-fr",
		"translation_of": "opening-en",
		"state": "Published",
		"author": AUTHOR,
		"title": "Saisir les soldes d'ouverture après la mise en service",
		"language": "fr",
		"audience": "System Clients",
		"system": "ONYX-ERP",
		"version_from": "15.0",
		"reasons": ["Guidance", "Feature Adaptation"],
		"summary": "Les soldes d'ouverture se saisissent dans une seule écriture datée de la veille de la "
		"mise en service, équilibrée par le compte d'ouverture temporaire.",
		"content": "<p>Saisissez tous les soldes d'ouverture dans <strong>une seule écriture "
		"d'ouverture</strong> datée de la veille de la mise en service. Équilibrez-la avec le compte "
		"<em>Ouverture temporaire</em>, puis vérifiez que ce compte revient à zéro une fois les stocks "
		"et les créances saisis.</p>",
	},
	{
		"key": "overtime-ar",
		"state": "Published",
		"author": AUTHOR,
		"title": "حساب العمل الإضافي في مسير الرواتب",
		"language": "ar",
		"audience": "System Clients",
		"system": "ONYX-HR",
		"version_from": "6.0",
		"reasons": ["Guidance"],
		"summary": "يُحسب العمل الإضافي من سجلات الحضور المعتمدة فقط؛ اعتمد السجلات قبل إنشاء المسير.",
		"content": "<p>يقرأ مسير الرواتب ساعات العمل الإضافي من <strong>سجلات الحضور المعتمدة</strong>. "
		"اعتمد سجلات الشهر كلها ثم أنشئ المسير، وإلا ظهر الإضافي صفرًا.</p>",
	},
	{
		"key": "overtime-en",
		"translation_of": "overtime-ar",
		"state": "Published",
		"author": AUTHOR,
		"title": "Overtime in the payroll run",
		"language": "en",
		"audience": "System Clients",
		"system": "ONYX-HR",
		"version_from": "6.0",
		"reasons": ["Guidance"],
		"summary": "Overtime is computed from approved attendance only: approve the month's records "
		"before you create the payroll run.",
		"content": "<p>The payroll run reads overtime hours from <strong>approved attendance "
		"records</strong>. Approve the whole month's records, then create the run; otherwise overtime "
		"shows as zero.</p>",
	},
	{
		"key": "receipts-fr",
		"state": "Published",
		"author": AUTHOR,
		"title": "Le terminal de caisse n'imprime plus les tickets",
		"language": "fr",
		"audience": "System Clients",
		"system": "ONYX-POS",
		"version_from": "2.8",
		"reasons": ["Error"],
		"summary": "Après une mise à jour de Windows, l'imprimante de tickets change souvent de port : "
		"choisissez-la de nouveau dans le profil de caisse.",
		"content": "<p>Ouvrez le <strong>profil de caisse</strong>, choisissez de nouveau l'imprimante "
		"de tickets puis imprimez une page de test. Si rien ne sort, redémarrez l'imprimante avant "
		"le terminal.</p>",
	},
	{
		"key": "year-end-en",
		"state": "Published",
		"author": AUTHOR,
		"title": "Close the fiscal year in OnyxPro Accounting",
		"language": "en",
		"audience": "System Clients",
		"system": "ONYX-ACC",
		"version_from": "12.0",
		"reasons": ["Guidance"],
		"summary": "The year-end closing moves the profit or loss to retained earnings; run it once "
		"every period of the year is closed.",
		"content": "<p>Close each period of the year first, then run <strong>Year-end closing</strong>. "
		"It posts the year's profit or loss to <em>Retained earnings</em> and opens the next year.</p>",
	},
	# --- the network's engineers, one office, central support -------------------------------------
	{
		"key": "ledger-en",
		"state": "Published",
		"author": OFFICE_AUTHOR,
		"title": "Rebuild the stock ledger index after a failed update",
		"language": "en",
		"audience": "Network Engineers",
		"system": "ONYX-ERP",
		"version_from": "15.8",
		"version_to": "15.9",
		"reasons": ["Error", "Update Delivery"],
		"summary": "For engineers: when 15.9 stops half-way, the stock ledger index is left stale. "
		"Rebuild it before the client posts anything.",
		"content": "<p>Stop the client's users, take a backup, then run the <code>rebuild-stock-index"
		"</code> tool from the installation folder. It takes about ten minutes per million moves.</p>"
		"<pre>onyx-tools rebuild-stock-index --from 2026-01-01</pre>",
	},
	{
		"key": "aden-visits-ar",
		"state": "Published",
		"author": OFFICE_AUTHOR,
		"office": "OnyxPro Yemen",
		"title": "تنظيم الزيارات الميدانية في عدن",
		"language": "ar",
		"audience": "Office",
		"reasons": ["Feature Adaptation"],
		"summary": "لمهندسي مكتب اليمن: تُجمع زيارات عدن في يومي الإثنين والأربعاء، وتُحجز السيارة قبل يومين.",
		"content": "<p>نجمع زيارات عملاء عدن في <strong>يومي الإثنين والأربعاء</strong>. احجز سيارة المكتب "
		"قبل يومين، وأرسل للعميل جدول الزيارة قبل يوم.</p>",
	},
	{
		"key": "escalation-en",
		"state": "Published",
		"author": AUTHOR,
		"title": "Escalating a suspected defect to the development team",
		"language": "en",
		"audience": "Central Support",
		"reasons": ["Error"],
		"summary": "What the developers need before they look at a defect: version, steps, data "
		"sample and the log, in one request.",
		"content": "<p>Before escalating to development, the request must hold the exact version, the "
		"steps to reproduce, an anonymised data sample and the application log of the day.</p>",
	},
	# --- other states ------------------------------------------------------------------------------
	{
		"key": "migration-draft-en",
		"state": "Draft",
		"author": AUTHOR,
		"title": "Migration guide to OnyxPro ERP 16",
		"language": "en",
		"audience": "Public",
		"system": "ONYX-ERP",
		"reasons": ["Update Delivery"],
		"summary": "A draft: the steps to move from 15.x to 16.",
		"content": "<p>Draft in progress.</p>",
	},
	{
		"key": "install-review-fr",
		"state": "In Review",
		"author": OFFICE_AUTHOR,
		"title": "Installer la version 15.10 sur un serveur Windows",
		"language": "fr",
		"audience": "Network Engineers",
		"system": "ONYX-ERP",
		"version_from": "15.10",
		"reasons": ["Update Delivery"],
		"summary": "Pour les ingénieurs : les prérequis et l'ordre d'installation de la 15.10.",
		"content": "<p>Installez d'abord le runtime, puis la base, puis l'application.</p>",
	},
	{
		"key": "install-14-archived-en",
		"state": "Archived",
		"author": AUTHOR,
		"title": "Install OnyxPro ERP 14",
		"language": "en",
		"audience": "Public",
		"system": "ONYX-ERP",
		"version_to": "14.9",
		"reasons": ["Update Delivery"],
		"summary": "Replaced by the 15.x installation guide.",
		"content": "<p>This guide is kept for the record.</p>",
	},
]

# Deflections the demo's portal clients recorded ("This solved my problem" on the new-request form).
DEFLECTIONS = [
	("closing-en", "it@adenport.example"),
	("closing-en", "erp@riyadhfood.example"),
	("backup-en", "it@adenport.example"),
]
