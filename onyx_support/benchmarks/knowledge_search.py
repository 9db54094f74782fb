"""Benchmark: the knowledge articles' full-text search at the size you choose.

	bench --site BENCH_SITE execute onyx_support.benchmarks.knowledge_search.generate --kwargs "{'n': 10000}"
	bench --site BENCH_SITE execute onyx_support.benchmarks.knowledge_search.run
	bench --site BENCH_SITE execute onyx_support.benchmarks.knowledge_search.remove

`generate` adds N synthetic articles (`bench execute` commits them) in English, French and Arabic,
over every audience (the demo's offices and systems), most of them published, with titles,
summaries and bodies drawn from a support vocabulary of each language (common words often, rare
ones seldom, as in real text) and their search text made as the app makes it. It refuses the dev
and test sites (ONYX_SITE / ONYX_TEST_SITE defaults) unless `force=True`; load the demo first
(`onyx_support.demo.load`) so there are offices, systems and engineers to spread over.

`run` prints, for an engineer, a portal client and a guest, the median and p90 milliseconds of
`search_articles` (the app's whole path: the reader's audience condition, FULLTEXT match, ranking)
for a few searches in each language and for a blank one, beside how many articles match the words
and the median of the bare SQL, then MariaDB's EXPLAIN of one search per reader (the FULLTEXT key
must be used). `remove` deletes the synthetic articles.
"""

import random

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

from onyx_support.benchmarks.queues import _timed
from onyx_support.domain import knowledge as rules

BENCH_PREFIX = "KA-BENCH-"
REFUSED_SITES = ("onyx.localhost", "test_onyx.localhost")
ENGINEER = "omar.bazar@onyxpro.example"
CLIENT = "it@adenport.example"
GUEST = "Guest"
REPEAT = 30

VOCABULARY = {
	"en": (
		"error posting journal invoice month end closing period fiscal year report print printer "
		"backup restore database user password login permission role branch warehouse stock item "
		"customer supplier payment receipt tax vat currency exchange rate ledger account balance "
		"trial statement update version upgrade install server network connection slow timeout "
		"license activation module payroll salary employee attendance leave point sale cashier "
		"barcode discount price list cost centre budget approval workflow email notification "
		"template export excel import data migration duplicate entry cancel amend reconcile bank "
		"cheque voucher depreciation asset inventory valuation batch serial transfer return"
	),
	"fr": (
		"erreur écriture journal facture clôture période exercice fiscal rapport impression "
		"imprimante sauvegarde restauration base données utilisateur mot passe connexion droit "
		"rôle agence entrepôt stock article client fournisseur paiement reçu taxe tva devise taux "
		"change grand livre compte solde balance état mise jour version installation serveur "
		"réseau lenteur délai licence activation module paie salaire employé présence congé caisse "
		"code barres remise tarif centre coût budget validation circuit courriel modèle export "
		"import migration doublon annulation rapprochement banque chèque pièce amortissement "
		"immobilisation inventaire valorisation lot série transfert retour"
	),
	"ar": (
		"خطأ ترحيل القيد اليومية الفاتورة إقفال نهاية الشهر الفترة السنة المالية التقرير طباعة "
		"الطابعة نسخ احتياطي استعادة قاعدة البيانات المستخدم كلمة المرور الدخول الصلاحيات الدور "
		"الفرع المستودع المخزون الصنف العميل المورد الدفع سند القبض الضريبة العملة سعر الصرف "
		"الأستاذ العام الحساب الرصيد ميزان المراجعة كشف تحديث الإصدار الترقية التثبيت الخادم "
		"الشبكة الاتصال بطء المهلة الترخيص التفعيل الوحدة الرواتب الموظف الحضور الإجازة نقاط البيع "
		"الكاشير الباركود الخصم قائمة الأسعار مركز التكلفة الموازنة الاعتماد سير العمل البريد "
		"الإشعار القالب التصدير الاستيراد ترحيل البيانات تكرار إلغاء تسوية البنك الشيك السند "
		"الإهلاك الأصول الجرد التقييم الدفعة التسلسل التحويل المرتجع"
	),
}
# a few searches per language: common words, a rarer pair, a phrase as people type it
QUERIES = {
	"en": ("posting error month end", "backup restore database", "cheque reconcile bank"),
	"fr": ("clôture exercice", "cloture periode ecriture", "sauvegarde base données"),
	"ar": ("إقفال الفاتورة", "فاتورة", "نسخ احتياطي قاعدة البيانات"),
}
AUDIENCES = [audience.value for audience in rules.Audience]
STATES = ["Published"] * 17 + ["Draft", "In Review", "Archived"]


def _refuse(site: str, force: bool) -> None:
	if site in REFUSED_SITES and not force:
		frappe.throw(_("Refusing to add synthetic articles to {0}: name a benchmark site.").format(site))


def _words(rng: random.Random, language: str, count: int) -> str:
	vocabulary = VOCABULARY[language].split()
	weights = [1 / (rank + 1) for rank in range(len(vocabulary))]  # Zipf: common words often
	return " ".join(rng.choices(vocabulary, weights=weights, k=count))


def generate(n: int = 10000, force: bool = False, seed: int = 15) -> int:
	_refuse(frappe.local.site, force)
	offices = frappe.get_all("Support Office", filters={"is_active": 1}, pluck="name", order_by="name")
	systems = frappe.get_all("Client Installation", pluck="system", distinct=True, order_by="system")
	authors = frappe.get_all(
		"Support Office Engineer", filters={"parenttype": "Support Office"}, pluck="user", distinct=True
	)
	if not (offices and systems and authors):
		frappe.throw(_("Load the demo data first: bench --site SITE execute onyx_support.demo.load"))
	rng = random.Random(seed)
	start = frappe.db.count("Knowledge Article", {"name": ("like", f"{BENCH_PREFIX}%")})
	now = now_datetime()
	articles, reasons = [], []
	for number in range(start + 1, start + n + 1):
		name = f"{BENCH_PREFIX}{number:08d}"
		language = rules.LANGUAGES[number % 3]
		audience = AUDIENCES[(number // 3) % len(AUDIENCES)]
		status = STATES[number % len(STATES)]
		title = _words(rng, language, rng.randint(4, 9)).capitalize()
		summary = _words(rng, language, rng.randint(12, 25))
		content = "".join(f"<p>{_words(rng, language, rng.randint(20, 50))}.</p>" for _p in range(3))
		published_on = add_to_date(now, minutes=-rng.randint(60, 2 * 365 * 24 * 60))
		articles.append(
			(
				name,
				published_on,
				published_on,
				"Administrator",
				"Administrator",
				title,
				f"kb/bench-{number}",
				audience,
				rng.choice(offices) if audience == "Office" else None,
				rng.choice(systems) if audience == "System Clients" or number % 4 == 0 else None,
				language,
				status,
				summary,
				content,
				rng.choice(authors),
				published_on if status in ("Published", "Archived") else None,
				rules.search_text(title, summary, content),
				int(rules.published_publicly(status, audience)),
			)
		)
		reasons.append((f"{name}-r", name, "Knowledge Article", "reasons", 1, rules.REASONS[number % 4]))
	frappe.db.bulk_insert(
		"Knowledge Article",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"title",
			"route",
			"audience",
			"office",
			"system",
			"language",
			"status",
			"summary",
			"content",
			"author",
			"published_on",
			"search_text",
			"published_publicly",
		],
		articles,
		chunk_size=1000,
	)
	frappe.db.bulk_insert(
		"Knowledge Article Reason",
		["name", "parent", "parenttype", "parentfield", "idx", "reason"],
		reasons,
		chunk_size=2000,
	)
	total = frappe.db.count("Knowledge Article")
	print(f"added {n} synthetic articles; {total} in all")
	return total


def remove() -> None:
	frappe.db.delete("Knowledge Article Reason", {"parent": ("like", f"{BENCH_PREFIX}%")})
	frappe.db.delete("Knowledge Article", {"name": ("like", f"{BENCH_PREFIX}%")})
	print(f"removed the synthetic articles; {frappe.db.count('Knowledge Article')} left")


def _matches(text: str) -> int:
	"""Articles of any audience and state whose words match (what the ranking sorts)."""
	words = rules.search_words(text)
	if not words:
		return frappe.db.count("Knowledge Article")
	return frappe.db.sql(
		"""select count(*) from `tabKnowledge Article`
		where match(title, search_text) against (%s in natural language mode)""",
		words,
	)[0][0]


def run(repeat: int = REPEAT) -> None:
	from onyx_support.services.knowledge.search import search_articles, search_query

	total = frappe.db.count("Knowledge Article")
	print(f"{total} knowledge articles on {frappe.local.site}; {repeat} rounds each\n")
	print(
		f"{'reader':<10} {'lang':<4} {'search':<28} {'found':>5} {'matches':>7} "
		f"{'p50 ms':>7} {'p90 ms':>7} {'SQL p50':>7}"
	)
	for label, user in (("engineer", ENGINEER), ("client", CLIENT), ("guest", GUEST)):
		if user != GUEST and not frappe.db.exists("User", user):
			print(f"{label}: {user} does not exist on this site (load the demo)")
			continue
		frappe.set_user(user)
		try:
			for language, queries in (*QUERIES.items(), ("-", ("",))):
				for text in queries:
					found = len(search_articles(text, user=user))
					matches = _matches(text)
					p50, p90 = _timed(lambda text=text: search_articles(text, user=user), repeat)
					query, values = search_query(text, user=user)
					sql_p50, _sql_p90 = _timed(lambda q=query, v=values: frappe.db.sql(q, v), repeat)
					shown = text or "(blank: recent articles)"
					print(
						f"{label:<10} {language:<4} {shown:<28} {found:>5} {matches:>7} "
						f"{p50:>7.1f} {p90:>7.1f} {sql_p50:>7.1f}"
					)
			query, values = search_query(QUERIES["en"][0], user=user)
			for row in frappe.db.sql(f"explain {query}", values, as_dict=True):
				print(
					f"  EXPLAIN {label}: table={row.get('table')} type={row.get('type')} "
					f"key={row.get('key')} rows={row.get('rows')} Extra={row.get('Extra')}"
				)
		finally:
			frappe.set_user("Administrator")
