"""The releases demo as plain data: OnyxPro ERP and OnyxPro Point of Sale, their releases in
version order (each is published, then its offices act on it, before the next one is published),
the defects a release fixes, and what each office did with each distribution.

Days are counted back from today (negative: in the past) in the office's calendar. A delivery is
one of:
	("Deliver", day, means)      scheduled on that day, then delivered that day
	("Schedule", day)            scheduled on that day (in the future for an open row)
	("Fail", day, reason)        scheduled on that day, then failed
	("Decline", reason)          the client declined it
	None                         left pending (a later release may supersede it)
"""

# Central support publishes; each office's acting engineer acknowledges and delivers.
PUBLISHER = "Maryam Saleh"
OFFICE_ACTORS = {
	"OnyxPro Central Support": "Maryam Saleh",
	"OnyxPro Yemen": "Omar Bazar",
	"OnyxPro Saudi Arabia": "Reem Al-Otaibi",
	"Nile Soft Solutions": "Youssef Adel",
	"Muscat Digital": "Said Al-Balushi",
	"Petra Business Software": "Lina Haddad",
}

# Escalated system errors (the defect loop): (customer, system, subject, channel, priority,
# version the client ran, days ago opened).
DEFECTS = [
	(
		"Aden Port Trading",
		"ONYX-ERP",
		"Landed cost voucher posts the freight twice to the stock account",
		"E-mail",
		"High",
		"15.9",
		-45,
	),
	(
		"Riyadh Food Industries",
		"ONYX-ERP",
		"Zakat report rounds each line instead of the invoice total",
		"Portal",
		"High",
		"15.8",
		-40,
	),
	(
		"Alexandria Logistics",
		"ONYX-POS",
		"Till freezes when a scanned barcode starts with a zero",
		"Phone",
		"Urgent",
		"3.0",
		-12,
	),
]

ERP_15_10_MANIFEST = """OnyxPro ERP 15.10 - upgrade package manifest
onyx-erp-15.10-server.tar.gz      412 MB
onyx-erp-15.10-migrate.sql        2.1 MB
onyx-erp-15.10-client-setup.exe   96 MB
Run the migration on a copy of the database first; about 40 minutes per 10 GB.
"""

POS_3_2_MANIFEST = """OnyxPro Point of Sale 3.2 - till package manifest
onyx-pos-3.2-till-setup.exe       58 MB
onyx-pos-3.2-printer-drivers.zip  12 MB
Close every shift and send the offline receipts before upgrading a till.
"""

RELEASES = [
	# --- OnyxPro ERP -----------------------------------------------------------------------------
	{
		"system": "ONYX-ERP",
		"version": "15.8",
		"kind": "Update",
		"day": -120,
		"notes_en": "<p>OnyxPro ERP 15.8 brings the following improvements:</p><ul>"
		"<li>Purchase receipts can be posted against partly received purchase orders in several currencies.</li>"
		"<li>The stock ledger report opens up to three times faster on large warehouses.</li>"
		"<li>Customer statements are e-mailed in Arabic or English, in the customer's language.</li></ul>",
		"notes_fr": "<p>OnyxPro ERP 15.8 apporte les améliorations suivantes :</p><ul>"
		"<li>Les réceptions d'achat peuvent être comptabilisées sur des commandes partiellement reçues, en plusieurs devises.</li>"
		"<li>Le rapport du grand livre des stocks s'ouvre jusqu'à trois fois plus vite sur les grands entrepôts.</li>"
		"<li>Les relevés clients sont envoyés par e-mail en arabe ou en anglais, dans la langue du client.</li></ul>",
		"notes_ar": "<p>يقدّم الإصدار 15.8 من OnyxPro ERP التحسينات التالية:</p><ul>"
		"<li>أصبح بالإمكان ترحيل إيصالات الشراء على أوامر الشراء المستلمة جزئيًا وبعملات متعددة.</li>"
		"<li>يفتح تقرير دفتر المخزون أسرع بما يصل إلى ثلاث مرات في المستودعات الكبيرة.</li>"
		"<li>تُرسل كشوف حسابات العملاء بالبريد الإلكتروني بالعربية أو الإنجليزية حسب لغة العميل.</li></ul>",
		"offices": {
			"OnyxPro Yemen": {
				"acknowledged": (-118, 21),
				"deliveries": {"Aden Port Trading": ("Deliver", -112, "Remote Session")},
			},
			"OnyxPro Saudi Arabia": {
				"acknowledged": (-117, 30),
				"deliveries": {"Riyadh Food Industries": ("Deliver", -105, "On-site Visit")},
			},
			"Nile Soft Solutions": {
				"acknowledged": (-115, 45),
				"deliveries": {"Cairo Textile Company": ("Schedule", -80)},
			},
			"Muscat Digital": {"deliveries": {"Muscat Builders": None}},
			"OnyxPro Central Support": {
				"acknowledged": (-119, 30),
				"deliveries": {
					"Djibouti Shipping": (
						"Decline",
						"The client freezes every change to the ERP until the customs audit of its "
						"five subsidiaries is over.",
					)
				},
			},
		},
	},
	{
		"system": "ONYX-ERP",
		"version": "15.9",
		"kind": "Update",
		"day": -75,
		"supersedes": "15.8",
		"notes_en": "<p>OnyxPro ERP 15.9 replaces 15.8 for the installations that have not received it: "
		"it includes everything in 15.8.</p><ul>"
		"<li>New VAT return layout for Saudi Arabia (ZATCA phase 2 fields).</li>"
		"<li>Bank reconciliation matches payments by reference number as well as by amount.</li>"
		"<li>Fixed: the sales dashboard counted cancelled invoices in the monthly total.</li></ul>",
		"notes_fr": "<p>OnyxPro ERP 15.9 remplace la 15.8 pour les installations qui ne l'ont pas reçue : "
		"elle contient tout ce que contient la 15.8.</p><ul>"
		"<li>Nouvelle présentation de la déclaration de TVA pour l'Arabie saoudite (champs de la phase 2 de la ZATCA).</li>"
		"<li>Le rapprochement bancaire associe les paiements par numéro de référence autant que par montant.</li>"
		"<li>Corrigé : le tableau de bord des ventes comptait les factures annulées dans le total mensuel.</li></ul>",
		"notes_ar": "<p>يحلّ الإصدار 15.9 من OnyxPro ERP محلّ الإصدار 15.8 في التركيبات التي لم تستلمه، "
		"ويتضمن كل ما في الإصدار 15.8.</p><ul>"
		"<li>تنسيق جديد لإقرار ضريبة القيمة المضافة في المملكة العربية السعودية (حقول المرحلة الثانية من هيئة الزكاة والضريبة والجمارك).</li>"
		"<li>تطابق التسوية البنكية المدفوعات برقم المرجع إضافةً إلى المبلغ.</li>"
		"<li>تم الإصلاح: كانت لوحة المبيعات تحتسب الفواتير الملغاة ضمن الإجمالي الشهري.</li></ul>",
		"offices": {
			"OnyxPro Yemen": {
				"acknowledged": (-74, 14),
				"deliveries": {"Aden Port Trading": ("Deliver", -68, "Remote Session")},
			},
			"OnyxPro Saudi Arabia": {
				"acknowledged": (-72, 30),
				"deliveries": {
					"Riyadh Food Industries": (
						"Fail",
						-50,
						"The database upgrade stopped: the client's server ran out of disk space. "
						"To be tried again once the client has added storage.",
					)
				},
			},
			"Nile Soft Solutions": {
				"acknowledged": (-70, 21),
				"deliveries": {"Cairo Textile Company": ("Deliver", -65, "On-site Visit")},
			},
			"Muscat Digital": {"acknowledged": (-60, 90), "deliveries": {"Muscat Builders": ("Schedule", 6)}},
			"OnyxPro Central Support": {"deliveries": {"Djibouti Shipping": None}},
		},
	},
	{
		"system": "ONYX-ERP",
		"version": "15.9.1",
		"kind": "Hotfix",
		"day": -62,
		"applicable_from": "15.9",
		"applicable_to": "15.9",
		"notes_en": "<p>Hotfix for 15.9 only: corrects the rounding of the withholding tax on supplier invoices.</p>",
		"notes_fr": "<p>Correctif pour la 15.9 uniquement : corrige l'arrondi de la retenue à la source "
		"sur les factures fournisseurs.</p>",
		"notes_ar": "<p>إصلاح عاجل للإصدار 15.9 فقط: يصحّح تقريب ضريبة الاستقطاع على فواتير الموردين.</p>",
		"offices": {
			"OnyxPro Yemen": {"acknowledged": (-61, 7), "deliveries": {"Aden Port Trading": None}},
			"Nile Soft Solutions": {"deliveries": {"Cairo Textile Company": None}},
		},
		"withdrawn": (
			-58,
			"It breaks the posting of supplier invoices in foreign currencies. "
			"The rounding correction ships in 15.10 instead.",
		),
	},
	{
		"system": "ONYX-ERP",
		"version": "15.10",
		"kind": "New Version",
		"day": -30,
		"mandatory": 1,
		"requires": "15.9",
		"notes_en": "<p>OnyxPro ERP 15.10 is a new, mandatory version: support for earlier versions ends six "
		"months after its publication. Install 15.9 first.</p><ul>"
		"<li>Landed costs can be allocated by weight, volume or value.</li>"
		"<li>Fixed: a landed cost voucher could post the freight twice to the stock account.</li>"
		"<li>Fixed: the zakat report rounded each line instead of the invoice total.</li>"
		"<li>The database upgrade takes about 40 minutes per 10 GB: plan it outside working hours.</li></ul>",
		"notes_fr": "<p>OnyxPro ERP 15.10 est une nouvelle version obligatoire : le support des versions "
		"antérieures prend fin six mois après sa publication. Installez d'abord la 15.9.</p><ul>"
		"<li>Les frais d'approche peuvent être répartis selon le poids, le volume ou la valeur.</li>"
		"<li>Corrigé : une pièce de frais d'approche pouvait comptabiliser deux fois le fret sur le compte de stock.</li>"
		"<li>Corrigé : le rapport de zakat arrondissait chaque ligne au lieu du total de la facture.</li>"
		"<li>La mise à niveau de la base de données prend environ 40 minutes par tranche de 10 Go : "
		"planifiez-la en dehors des heures de travail.</li></ul>",
		"notes_ar": "<p>الإصدار 15.10 من OnyxPro ERP إصدار جديد وإلزامي: ينتهي دعم الإصدارات السابقة بعد ستة "
		"أشهر من نشره. ثبّت الإصدار 15.9 أولًا.</p><ul>"
		"<li>يمكن توزيع تكاليف الشحن والتخليص حسب الوزن أو الحجم أو القيمة.</li>"
		"<li>تم الإصلاح: كان سند تكاليف الشحن والتخليص قد يرحّل أجرة الشحن مرتين إلى حساب المخزون.</li>"
		"<li>تم الإصلاح: كان تقرير الزكاة يقرّب كل سطر بدلًا من إجمالي الفاتورة.</li>"
		"<li>تستغرق ترقية قاعدة البيانات نحو 40 دقيقة لكل 10 غيغابايت، فخطّط لها خارج ساعات العمل.</li></ul>",
		"known_issues": "The landed cost report shows amounts in the company currency only; "
		"totals per currency come with 15.11.",
		"artefact": ("onyx-erp-15.10-manifest.txt", ERP_15_10_MANIFEST, "Upgrade package manifest"),
		"fixes": [
			("Aden Port Trading", "Landed cost voucher posts the freight twice to the stock account"),
			("Riyadh Food Industries", "Zakat report rounds each line instead of the invoice total"),
		],
		"offices": {
			"OnyxPro Yemen": {
				"acknowledged": (-29, 10),
				"deliveries": {"Aden Port Trading": ("Deliver", -20, "Remote Session")},
			},
			"OnyxPro Saudi Arabia": {"deliveries": {"Riyadh Food Industries": None}},
			"Nile Soft Solutions": {
				"acknowledged": (-25, 45),
				"deliveries": {"Cairo Textile Company": ("Schedule", 8)},
			},
			"Muscat Digital": {"deliveries": {"Muscat Builders": None}},
			"OnyxPro Central Support": {"acknowledged": (-28, 60), "deliveries": {"Djibouti Shipping": None}},
		},
	},
	{
		"system": "ONYX-ERP",
		"version": "15.10.1",
		"kind": "Hotfix",
		"day": -6,
		"applicable_from": "15.10",
		"applicable_to": "15.10",
		"notes_en": "<p>Hotfix for 15.10 only: the tax invoice print format put the QR code on the second "
		"page when the invoice had more than 20 lines.</p>",
		"notes_fr": "<p>Correctif pour la 15.10 uniquement : le format d'impression de la facture fiscale "
		"plaçait le code QR sur la deuxième page lorsque la facture comptait plus de 20 lignes.</p>",
		"notes_ar": "<p>إصلاح عاجل للإصدار 15.10 فقط: كان نموذج طباعة الفاتورة الضريبية يضع رمز الاستجابة "
		"السريعة (QR) في الصفحة الثانية عندما تتجاوز الفاتورة 20 سطرًا.</p>",
		"offices": {
			"OnyxPro Yemen": {"acknowledged": (-5, 14), "deliveries": {"Aden Port Trading": ("Schedule", 3)}},
		},
	},
	# --- OnyxPro Point of Sale -------------------------------------------------------------------
	{
		"system": "ONYX-POS",
		"version": "3.1",
		"kind": "Update",
		"day": -40,
		"mandatory": 1,
		"notes_en": "<p>OnyxPro Point of Sale 3.1 is mandatory for every till: it signs receipts with the "
		"new e-invoicing certificate.</p><ul>"
		"<li>Offline mode keeps up to 5,000 receipts and sends them when the connection returns.</li>"
		"<li>Supports the Epson TM-T88VII receipt printer.</li></ul>",
		"notes_fr": "<p>OnyxPro Point de vente 3.1 est obligatoire pour toutes les caisses : elle signe les "
		"tickets avec le nouveau certificat de facturation électronique.</p><ul>"
		"<li>Le mode hors ligne conserve jusqu'à 5 000 tickets et les envoie au retour de la connexion.</li>"
		"<li>Prise en charge de l'imprimante de tickets Epson TM-T88VII.</li></ul>",
		"notes_ar": "<p>الإصدار 3.1 من OnyxPro نقاط البيع إلزامي لجميع نقاط البيع: فهو يوقّع الإيصالات "
		"بشهادة الفوترة الإلكترونية الجديدة.</p><ul>"
		"<li>يحتفظ وضع العمل دون اتصال بما يصل إلى 5000 إيصال ويرسلها عند عودة الاتصال.</li>"
		"<li>يدعم طابعة الإيصالات Epson TM-T88VII.</li></ul>",
		"known_issues": "Receipt printers older than the TM-T88V need the printer vendor's driver 3.04 or later.",
		"offices": {
			"OnyxPro Yemen": {
				"acknowledged": (-39, 21),
				"deliveries": {
					"Hadramout Fisheries": ("Deliver", -33, "On-site Visit"),
					"Mukalla Hotels Group": (
						"Fail",
						-30,
						"The receipt printers on the hotel tills are too old for the 3.1 driver; "
						"the client is replacing them.",
					),
				},
			},
			"Nile Soft Solutions": {
				"acknowledged": (-37, 30),
				"deliveries": {
					"Alexandria Logistics": (
						"Decline",
						"Peak season: the client accepts no change to its tills before January.",
					)
				},
			},
			"Petra Business Software": {"deliveries": {"Amman Retail Group": None}},
		},
	},
	{
		"system": "ONYX-POS",
		"version": "3.2",
		"kind": "Update",
		"day": -9,
		"supersedes": "3.1",
		"notes_en": "<p>OnyxPro Point of Sale 3.2 replaces 3.1 and includes it.</p><ul>"
		"<li>Loyalty points can be redeemed at the till.</li>"
		"<li>Fixed: the cash drawer did not open on the first sale after a shift change.</li></ul>",
		"notes_fr": "<p>OnyxPro Point de vente 3.2 remplace la 3.1 et l'inclut.</p><ul>"
		"<li>Les points de fidélité peuvent être utilisés en caisse.</li>"
		"<li>Corrigé : le tiroir-caisse ne s'ouvrait pas à la première vente après un changement d'équipe.</li></ul>",
		"notes_ar": "<p>يحلّ الإصدار 3.2 من OnyxPro نقاط البيع محلّ الإصدار 3.1 ويتضمنه.</p><ul>"
		"<li>يمكن استبدال نقاط الولاء عند نقطة البيع.</li>"
		"<li>تم الإصلاح: لم يكن درج النقود يُفتح عند أول عملية بيع بعد تغيير الوردية.</li></ul>",
		"artefact": ("onyx-pos-3.2-manifest.txt", POS_3_2_MANIFEST, "Till package manifest"),
		"offices": {
			"OnyxPro Yemen": {
				"acknowledged": (-8, 21),
				"deliveries": {"Hadramout Fisheries": ("Schedule", 4), "Mukalla Hotels Group": None},
			},
			"Nile Soft Solutions": {"deliveries": {"Alexandria Logistics": None}},
			"Petra Business Software": {
				"acknowledged": (-7, 30),
				"deliveries": {"Amman Retail Group": ("Deliver", -3, "Remote Session")},
			},
		},
	},
]
