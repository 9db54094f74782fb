"""The demo's visit reports as plain data: one or more in every state of the Visit Report Flow,
across the offices, the shared ones written and signed in English, French and Arabic.

A visit is found again by its customer, its kind and the first request it serves (subjects of
demo.data.REQUESTS). Days count from today in the office's calendar (moved off weekends and
holidays: back for past visits, forward for planned ones); times are the office's local time.
"""

# Installations reviewed: (system, stars 1-5 or 0 for not rated yet, findings).
# Actions: (action, system or None, solved). Recommendations: (text, priority, actor, follow-up).
# Suggestions: (category, text). Signer: (name, role) of the client's representative.
VISITS = [
	{
		"customer": "Aden Port Trading",
		"requests": ["Month-end closing fails on the stock valuation step"],
		"visit_kind": "Corrective",
		"state": "Shared",
		"language": "en",
		"engineers": ["Omar Bazar"],
		"day": -12,
		"plan": ("09:00", "13:00"),
		"on_site": ("09:10", "12:40"),
		"installations": [
			(
				"ONYX-ERP",
				2,
				"Month-end closing stops on the stock valuation step: every closing re-posts the "
				"180,000 stock ledger entries of the year and the database server runs out of memory.",
			),
			(
				"ONYX-HR",
				4,
				"Payroll and attendance run without errors; the October payroll was checked with the "
				"HR officer.",
			),
		],
		"actions": [
			(
				"Rebuilt the stock ledger indexes and moved the re-posting of past entries to the "
				"nightly queue.",
				"ONYX-ERP",
				1,
			),
			("Closed October in a supervised run: 38 minutes instead of a timeout.", "ONYX-ERP", 1),
			("Checked the nightly backup and restored it on the test server.", "ONYX-ERP", 1),
		],
		"recommendations": [
			(
				"Archive the stock ledger entries of closed years before the year-end closing.",
				"High",
				"OnyxPro",
				1,
			),
			("Add 16 GB of memory to the database server.", "High", "Client", 0),
			("Name a key user for month-end closing in the warehouse team.", "Medium", "Client", 0),
		],
		"suggestions": [
			("Performance", "Show the progress of the closing steps instead of a spinning wheel."),
			("Training", "A refresher session on stock reconciliation for the new storekeepers."),
		],
		"summary": "<p>Corrective visit for the month-end closing that stopped on the stock valuation "
		"step. The cause was the re-posting of the whole year's stock ledger at every closing; the "
		"indexes were rebuilt, re-posting moved to the nightly queue and October closed in 38 "
		"minutes with the finance team. The archiving of closed years follows as a separate request.</p>",
		"internal_notes": "The database server is undersized for the port's volumes: "
		"tell the account manager before the renewal.",
		"signer": ("Nabil Hassan", "IT Manager"),
	},
	{
		"customer": "Cairo Textile Company",
		"requests": ["Adapt the production order to dyeing batches"],
		"visit_kind": "Installation or Update Delivery",
		"state": "Shared",
		"language": "fr",
		"engineers": ["Youssef Adel"],
		"day": -20,
		"plan": ("09:30", "15:30"),
		"on_site": ("09:45", "15:10"),
		"installations": [
			(
				"ONYX-ERP",
				4,
				"L'ordre de fabrication gère désormais les lots de teinture. Le calcul des coûts reste "
				"lent pour les ordres de plus de 500 lignes.",
			),
		],
		"actions": [
			(
				"Installé l'adaptation « lots de teinture » sur l'ordre de fabrication et migré les "
				"42 ordres en cours sans écart de stock.",
				"ONYX-ERP",
				1,
			),
			(
				"Formé les deux chefs d'atelier à la saisie des lots et à la clôture des ordres.",
				"ONYX-ERP",
				1,
			),
			(
				"Analysé la lenteur du calcul des coûts : un index manque sur la table des "
				"consommations, corrigé dans la version 15.3.",
				"ONYX-ERP",
				0,
			),
		],
		"recommendations": [
			(
				"Installer la version 15.3 dès sa sortie pour accélérer le calcul des coûts.",
				"Medium",
				"OnyxPro",
				0,
			),
			(
				"Désigner un utilisateur clé par atelier pour valider les lots avant la clôture.",
				"Low",
				"Client",
				0,
			),
		],
		"suggestions": [
			("Feature Request", "Imprimer l'étiquette du lot directement depuis l'ordre de fabrication."),
			("Documentation", "Un guide illustré en français pour les chefs d'atelier."),
		],
		"summary": "<p>Visite de livraison de l'adaptation des ordres de fabrication aux lots de "
		"teinture. L'adaptation est en service à l'usine de Choubra : les ordres en cours ont été "
		"migrés et les chefs d'atelier formés. Le calcul des coûts reste lent sur les gros ordres ; "
		"le correctif arrive avec la version 15.3.</p>",
		"internal_notes": "Le client envisage un second site à Mahalla : en parler au commercial.",
		"signer": ("Hany Mahmoud", "Directeur des systèmes d'information"),
	},
	{
		"customer": "Riyadh Food Industries",
		"requests": ["Train the new HR officer on leave management"],
		"visit_kind": "Training",
		"state": "Shared",
		"language": "ar",
		"engineers": ["Reem Al-Otaibi"],
		"day": -6,
		"plan": ("09:00", "14:00"),
		"on_site": ("09:05", "13:30"),
		"installations": [
			(
				"ONYX-HR",
				5,
				"دورة الإجازات تعمل كما هو متوقع، وأرصدة الإجازات السنوية مطابقة لسجلات الموظفين بعد "
				"تصحيح ثلاثة أرصدة افتتاحية.",
			),
			(
				"ONYX-ERP",
				3,
				"بطء ملحوظ في تقارير الرواتب الشهرية عند تشغيلها في ساعات الذروة.",
			),
		],
		"actions": [
			(
				"تدريب مسؤولة الموارد البشرية الجديدة على إعداد أنواع الإجازات وسياسات الاستحقاق "
				"واعتماد الطلبات.",
				"ONYX-HR",
				1,
			),
			(
				"تصحيح الأرصدة الافتتاحية لثلاثة موظفين ومراجعة ترحيل الأرصدة إلى العام الجديد.",
				"ONYX-HR",
				1,
			),
		],
		"recommendations": [
			("جدولة تقارير الرواتب الثقيلة خارج ساعات الذروة.", "Medium", "Client", 0),
			(
				"جلسة متابعة عن بُعد بعد شهر لمراجعة أول دورة اعتماد كاملة.",
				"Low",
				"OnyxPro",
				0,
			),
		],
		"suggestions": [
			("Training", "دليل مستخدم مختصر باللغة العربية لطلب الإجازات من الجوال."),
			("Usability", "إظهار رصيد الإجازة المتبقي في نموذج الطلب مباشرة."),
		],
		"summary": "<p>زيارة تدريبية لمسؤولة الموارد البشرية الجديدة على إدارة الإجازات في نظام "
		"أونكس برو للرواتب والموارد البشرية. أصبحت المسؤولة قادرة على إعداد أنواع الإجازات "
		"واعتماد الطلبات ومتابعة الأرصدة، وتم تصحيح ثلاثة أرصدة افتتاحية.</p>",
		"internal_notes": "العميل مهتم بوحدة الحضور بالبصمة: إبلاغ فريق المبيعات.",
		"signer": ("سارة الحربي", "مسؤولة نظام تخطيط الموارد"),
	},
	{
		"customer": "Sanaa Pharmaceuticals",
		"requests": ["How to reverse a posted journal entry"],
		"visit_kind": "Training",
		"state": "Signed",
		"language": "en",
		"engineers": ["Huda Qassem", "Omar Bazar"],
		"day": -2,
		"plan": ("08:30", "11:30"),
		"on_site": ("08:40", "11:15"),
		"installations": [
			(
				"ONYX-ACC",
				4,
				"Posting and reversal work as designed; two users could still cancel posted entries.",
			),
		],
		"actions": [
			(
				"Trained the four accountants on reversing a posted journal entry and on reading "
				"the audit trail.",
				"ONYX-ACC",
				1,
			),
			(
				"Reviewed the accounting roles: cancelling a posted entry is now reserved to the "
				"chief accountant.",
				"ONYX-ACC",
				1,
			),
		],
		"recommendations": [
			(
				"Close each accounting period once the month is reconciled, so that no entry lands "
				"in a closed month.",
				"Medium",
				"Client",
				0,
			),
		],
		"suggestions": [
			("Documentation", "A one-page checklist for month-end reversals, in Arabic and English."),
		],
		"summary": "<p>Training visit on reversing posted journal entries. The accountants reversed "
		"three real entries of November under supervision; the right to cancel posted entries was "
		"narrowed to the chief accountant.</p>",
		"signer": ("Adel Saif", "Chief Accountant"),
	},
	{
		"customer": "Jeddah Medical Supplies",
		"requests": ["Printer driver breaks invoice layout"],
		"visit_kind": "Corrective",
		"state": "Awaiting Signature",
		"language": "en",
		"engineers": ["Reem Al-Otaibi"],
		"day": -1,
		"plan": ("10:00", "13:00"),
		"on_site": ("10:05", "12:20"),
		"installations": [
			(
				"ONYX-ACC",
				3,
				"Invoices print correctly from the accounting server; the new driver on the billing "
				"desks shifts the layout by 6 mm.",
			),
		],
		"actions": [
			(
				"Replaced the generic driver with the vendor's PCL6 driver on the two billing desks "
				"and printed test invoices.",
				"ONYX-ACC",
				1,
			),
			("Set the invoice print format's margins to the printer's printable area.", "ONYX-ACC", 1),
		],
		"recommendations": [
			(
				"Keep printer drivers out of the automatic Windows updates on the billing desks.",
				"High",
				"Client",
				0,
			),
		],
		"suggestions": [
			("Feature Request", "A print preview that shows the printer's printable area."),
		],
		"summary": "<p>The invoice layout broke after an automatic driver update on the billing "
		"desks. The vendor's driver was installed and the margins adjusted; test invoices print "
		"correctly.</p>",
	},
	{
		"customer": "Khartoum Cement",
		"requests": ["Upgrade to Accounting 12.5"],
		"visit_kind": "Installation or Update Delivery",
		"state": "On Site",
		"language": "en",
		"engineers": ["Tarig Osman"],
		"day": 0,  # under way: planned an hour ago, arrived ten minutes later
		"installations": [
			("ONYX-ACC", 0, "Version 12.4 before the upgrade; 3 GB database, 25 users."),
		],
		"actions": [
			("Took a full backup of the accounting database and checked it restores.", "ONYX-ACC", 1),
		],
		"internal_notes": "Upgrade window agreed with the finance manager: users log off at noon.",
	},
	{
		"customer": "Hadramout Fisheries",
		"requests": ["Install point-of-sale update 3.1"],
		"visit_kind": "Installation or Update Delivery",
		"state": "Planned",
		"language": "en",
		"engineers": ["Omar Bazar"],
		"day": 3,
		"plan": ("09:00", "13:00"),
		"internal_notes": "Bring the 3.1 installer on a USB key: the site's internet is slow.",
	},
	{
		"customer": "Muscat Builders",
		"requests": ["Project costing report is slow"],
		"visit_kind": "Corrective",
		"state": "Rescheduled",
		"language": "en",
		"engineers": ["Said Al-Balushi"],
		"day": 2,
		"plan": ("09:00", "12:00"),
		"moved_to": (9, ("10:00", "13:00")),
		"internal_notes": "The client asked to move the visit after its year-end stock count.",
	},
	{
		"customer": "Djibouti Shipping",
		"requests": ["Large migration of five subsidiaries"],
		"visit_kind": "Preventive Review",
		"state": "Cancelled",
		"language": "fr",
		"engineers": ["Maryam Saleh"],
		"day": 14,
		"plan": ("08:00", "14:00"),
		"internal_notes": "Cancelled: the client postponed the migration to the next fiscal year.",
	},
]
