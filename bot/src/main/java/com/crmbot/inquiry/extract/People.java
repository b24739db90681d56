package com.crmbot.inquiry.extract;

import com.crmbot.text.WordLists;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.text.Lexicon;

/**
 * Finds the customer-side person and their job title: "采购经理 潘静", "王建国总经理", "陈校长", "黄总",
 * "联系人：田医生", "我是信息部的林晓燕", "艾力·买买提".
 */
@Lexicon("person names and job titles")
final class People {

	/** Who, and the title as written (null when none). */
	record Person(String contact, String title) {
	}

	/** A title in the text: [start, end), with the function words before it (采购|经理). */
	record TitleAt(int start, int end, int prefixStart) {
	}

	/** Characters that follow a name and are not part of it (刘洋|通完电话, 谢婷|想了解). */
	private static final String AFTER_NAME = "说想问反来表提通聊带的是在要让称讲和对也就已觉希认告打发回答电先请给今昨把被从向跟与及等还又再都很非不没会能可咨询了着过看找做用所这那他她我你们之上下里手联座微邮负主目现最近正以为您处部科室组司询";

	/**
	 * Characters before which a name may start; 司 厂 团 end an organisation's name
	 * (…有限公司刘经理, …家具厂梁老板, …集团李部长).
	 */
	private static final String BOUNDARY = " \t\n，。、；：:;,.!?！？“”\"'()（）【】[]—-~～|/的是了叫和跟与找见给由让位人司厂团";

	/** 小时, 小区, 老家...: not 小/老 + surname. */
	private static final String NOT_FAMILIAR = "时区学米年家心麦程明白公司板师伴";

	private static final String DEPT_END = "部科处室组办心";

	/** Words by which the rep, not the customer, introduces themself. */
	private static final Pattern SELLER = Pattern.compile("销售|客户经理|客服|顾问|商务代表|业务员|售前|售后工程师");

	private static final Pattern SET_APART = Pattern
		.compile("(?:[部科处室组办]|公司|中心)\\s+([\\p{IsHan}]{2,4})(?:\\s*[:：]|\\s+\\+?\\d)");

	private static final Pattern SELF_INTRO = Pattern.compile("(?:我是|我叫|本人是|本人|联系人|对接人|姓名|称呼)[是为]?[:：\\s]*");

	private final List<String> compoundSurnames = new ArrayList<>();

	private final Set<Character> surnames = new HashSet<>();

	private final List<String> titles;

	/**
	 * The titles upper-cased once, grouped by their first character (longest first within
	 * a group): {@link #titles(String, int)} looks only at the titles that can start at a
	 * position instead of upper-casing the whole list there.
	 */
	private final java.util.Map<Character, List<String[]>> titlesByFirstUpper = new java.util.HashMap<>();

	private final List<String> honorifics;

	private final List<String> prefixes;

	private final Set<String> deciders;

	private final Set<String> notDeciders;

	/**
	 * Parts of names that start without a Chinese surname (次仁, 卓玛, 买买提), longest first.
	 */
	private final List<String> minorityParts;

	private final List<String> minoritySuffixes;

	/** A latin given name and family name (Kevin Zhang, Lily). */
	private static final Pattern LATIN_NAME = Pattern.compile("[A-Z][a-z]{1,11}(?: [A-Z][a-z]{1,11})?(?![A-Za-z])");

	People() {
		for (String w : WordLists.words(WordLists.lines("surnames.txt"))) {
			if (w.length() == 1) {
				this.surnames.add(w.charAt(0));
			}
			else {
				this.compoundSurnames.add(w);
			}
		}
		List<String> lines = WordLists.lines("titles.txt");
		this.titles = sortedLongestFirst(section(lines, "base"));
		for (String title : this.titles) {
			String upper = title.toUpperCase(Locale.ROOT);
			this.titlesByFirstUpper.computeIfAbsent(upper.charAt(0), (c) -> new ArrayList<>())
				.add(new String[] { title, upper });
		}
		this.honorifics = sortedLongestFirst(section(lines, "honorific"));
		this.prefixes = sortedLongestFirst(section(lines, "prefix"));
		this.deciders = new HashSet<>(section(lines, "decider"));
		this.notDeciders = new HashSet<>(section(lines, "not-decider"));
		List<String> minority = WordLists.lines("minority-names.txt");
		this.minorityParts = sortedLongestFirst(section(minority, "part"));
		this.minoritySuffixes = sortedLongestFirst(section(minority, "suffix"));
	}

	private static List<String> section(List<String> lines, String name) {
		List<String> out = new ArrayList<>();
		boolean in = false;
		for (String line : lines) {
			if (line.startsWith("[")) {
				in = line.equals("[" + name + "]");
				continue;
			}
			if (in) {
				out.addAll(WordLists.words(List.of(line)));
			}
		}
		return out;
	}

	private static List<String> sortedLongestFirst(List<String> words) {
		List<String> sorted = new ArrayList<>(words);
		sorted.sort(Comparator.comparingInt(String::length).reversed());
		return sorted;
	}

	/**
	 * @return true/false if the title alone says whether its holder decides, else null
	 */
	Boolean decidesByTitle(String title) {
		if (title == null) {
			return null;
		}
		String base = lastTitle(title);
		if (base == null) {
			return null;
		}
		if (this.notDeciders.contains(base) || title.contains("实习")) {
			return false;
		}
		if (title.startsWith("副") || title.contains("副" + base)) {
			return null;
		}
		return this.deciders.contains(base) || this.deciders.contains(title.toUpperCase(Locale.ROOT)) ? true : null;
	}

	private String lastTitle(String title) {
		String upperTitle = title.toUpperCase(Locale.ROOT);
		for (String t : this.titles) {
			if (upperTitle.endsWith(t.toUpperCase(Locale.ROOT))) {
				if (title.endsWith("总经理助理") || title.endsWith("董事长助理")) {
					return "助理";
				}
				return t;
			}
		}
		return null;
	}

	/**
	 * @param t normalized text
	 * @param orgEnd end of the organisation's name in the text (-1 if none): a title's
	 * department never reaches into it
	 */
	Person find(String t, int orgStart, int orgEnd) {
		if (t == null || t.isEmpty()) {
			return null;
		}
		List<TitleAt> titlesAt = titles(t, orgEnd);
		for (TitleAt at : titlesAt) {
			if (orgStart >= 0 && at.start() >= orgStart && at.end() <= orgEnd) {
				continue;
			}
			Person p = aroundTitle(t, at);
			if (p != null) {
				return p;
			}
		}
		Matcher intro = SELF_INTRO.matcher(t);
		while (intro.find()) {
			int p = intro.end();
			int clauseEnd = p;
			while (clauseEnd < t.length() && "，。！？；,.!?;\n".indexOf(t.charAt(clauseEnd)) < 0) {
				clauseEnd++;
			}
			String clause = t.substring(p, clauseEnd);
			if (SELLER.matcher(clause).find()) {
				// 我是云启科技的销售小张: the rep introducing themself
				continue;
			}
			int de = clause.indexOf('的');
			String name = null;
			if (de >= 0 && de <= 8) {
				int q = p + de + 1;
				TitleAt title = titleAt(t, q);
				name = nameAt(t, title == null ? q : title.end(), true);
			}
			else {
				name = nameAt(t, p, true);
			}
			if (name != null) {
				return new Person(name, null);
			}
		}
		for (int i = 0; i < t.length(); i++) {
			if (!boundaryBefore(t, i)) {
				continue;
			}
			String address = addressAt(t, i);
			if (address != null) {
				return new Person(address, null);
			}
		}
		Matcher dotted = Pattern.compile("[\\p{IsHan}]{1,6}·[\\p{IsHan}]{1,8}").matcher(t);
		if (dotted.find()) {
			return new Person(dotted.group(), null);
		}
		// 采购部周婷发来…, 办公室次仁卓玛打电话, 采购买买提江反映: a name right after a department
		for (int i = 1; i < t.length(); i++) {
			boolean afterDept = DEPT_END.indexOf(t.charAt(i - 1)) >= 0
					|| (t.startsWith("采购", i - Math.min(i, 2)) && i >= 2);
			if (!afterDept || (orgStart >= 0 && i > orgStart && i < orgEnd)) {
				continue;
			}
			String name = fullNameAt(t, i);
			if (name != null && name.length() >= 2 && boundaryAfter(t, i + name.length())) {
				return new Person(name, null);
			}
		}
		// 信息科 泽仁措：… / 采购办 岩温 138…: a name set apart after a department
		Matcher apart = SET_APART.matcher(t);
		while (apart.find()) {
			String token = apart.group(1);
			if (!isPrefixWord(token) && !endsWithTitle(token) && !containsTitle(token)) {
				return new Person(token, null);
			}
		}
		for (int i = 0; i < t.length(); i++) {
			if (i > 0 && "的是叫 ：:—".indexOf(t.charAt(i - 1)) < 0) {
				continue;
			}
			if (orgStart >= 0 && i > orgStart && i < orgEnd) {
				continue;
			}
			String name = fullNameAt(t, i);
			if (name != null && name.length() >= 2) {
				int after = i + name.length();
				boolean strongEnd = after >= t.length() || "，。、；;,.!?！？ \n：:】)）".indexOf(t.charAt(after)) >= 0
						|| Character.isDigit(t.charAt(after));
				if (strongEnd && (name.length() >= 3 || i == 0 || t.charAt(i - 1) != '是')) {
					return new Person(name, null);
				}
			}
		}
		for (TitleAt at : titlesAt) {
			if (orgStart >= 0 && at.start() >= orgStart && at.end() <= orgEnd) {
				continue;
			}
			int p = at.prefixStart();
			char before = p > 0 ? t.charAt(p - 1) : ' ';
			if (p == 0 || p == orgEnd || "的 ：:，,。是".indexOf(before) >= 0) {
				return new Person(null, t.substring(at.prefixStart(), at.end()));
			}
		}
		return null;
	}

	/** The person right before or after a title. */
	private Person aroundTitle(String t, TitleAt at) {
		int s = at.start();
		String title = t.substring(s, at.end());
		// 陈校长, 设备科邵科长: surname + title as the form of address
		if (at.prefixStart() == s) {
			for (String cs : this.compoundSurnames) {
				if (s >= cs.length() && t.startsWith(cs, s - cs.length()) && boundaryBefore(t, s - cs.length())) {
					return new Person(cs + title, title);
				}
			}
			if (s >= 1 && this.surnames.contains(t.charAt(s - 1)) && boundaryBefore(t, s - 1)) {
				return new Person(t.charAt(s - 1) + title, title);
			}
			// 郑美玲（总经理）: the title in brackets after the name
			if (s >= 3 && (t.charAt(s - 1) == '（' || t.charAt(s - 1) == '(') && at.end() < t.length()
					&& (t.charAt(at.end()) == '）' || t.charAt(at.end()) == ')')) {
				for (int len = 4; len >= 2; len--) {
					int start = s - 1 - len;
					String name = (start >= 0) ? fullNameAt(t, start) : null;
					if (name != null && name.length() == len && boundaryBefore(t, start)) {
						return new Person(name, title);
					}
				}
			}
			// 王建国总经理, 赵敏经理
			for (int len = 4; len >= 2; len--) {
				int start = s - len;
				if (start < 0 || !boundaryBefore(t, start)) {
					continue;
				}
				String name = fullNameAt(t, start);
				if (name != null && name.length() == len && !isPrefixWord(name)) {
					return new Person(name, title);
				}
			}
			// 次仁多吉 主任
			if (s >= 2 && t.charAt(s - 1) == ' ') {
				int e = s - 1;
				int b = e;
				while (b > 0 && (OrgNames.isHan(t.charAt(b - 1)) || t.charAt(b - 1) == '·')) {
					b--;
				}
				String token = t.substring(b, e);
				if (token.length() >= 2 && token.length() <= 5 && (b == 0 || !OrgNames.isHan(t.charAt(b - 1)))
						&& !isPrefixWord(token) && DEPT_END.indexOf(token.charAt(token.length() - 1)) < 0
						&& !endsWithTitle(token)) {
					return new Person(token, title);
				}
			}
		}
		// 采购经理 潘静, 老板冯女士, 技术负责人 蔡工
		int p = at.end();
		while (p < t.length() && (t.charAt(p) == ' ' || t.charAt(p) == ':' || t.charAt(p) == '：')) {
			p++;
		}
		// 场长叫廖志强, 负责人是王明
		if (t.startsWith("名叫", p) || t.startsWith("叫", p) || t.startsWith("是", p)) {
			int q = p + (t.startsWith("名叫", p) ? 2 : 1);
			String named = nameAt(t, q, true);
			if (named != null) {
				return new Person(named, t.substring(at.prefixStart(), at.end()));
			}
		}
		String fullTitle = t.substring(at.prefixStart(), at.end());
		String address = addressAt(t, p);
		if (address != null) {
			return new Person(address, fullTitle);
		}
		String name = fullNameAt(t, p);
		if (name != null) {
			return new Person(name, fullTitle);
		}
		// CTO Kevin Zhang, 店长Lily
		Matcher latin = LATIN_NAME.matcher(t).region(p, t.length());
		if (latin.lookingAt()) {
			return new Person(latin.group(), fullTitle);
		}
		if (p > at.end() && p < t.length()) {
			int e = p;
			while (e < t.length() && (OrgNames.isHan(t.charAt(e)) || t.charAt(e) == '·')) {
				e++;
			}
			String token = t.substring(p, e);
			if (token.contains("·") || (token.length() >= 2 && token.length() <= 4
					&& (e == t.length() || t.charAt(e) == ' ' || "，。：:,".indexOf(t.charAt(e)) >= 0)
					&& !isPrefixWord(token) && !endsWithTitle(token) && t.charAt(at.end()) == ' ')) {
				return new Person(token, fullTitle);
			}
		}
		return null;
	}

	/** 黄总, 张老师, 田医生, 张工, 冯女士, 李经理 (surname + honorific or title). */
	private String addressAt(String t, int i) {
		if (i >= t.length()) {
			return null;
		}
		int afterSurname = -1;
		for (String cs : this.compoundSurnames) {
			if (t.startsWith(cs, i)) {
				afterSurname = i + cs.length();
				break;
			}
		}
		if (afterSurname < 0 && this.surnames.contains(t.charAt(i))) {
			afterSurname = i + 1;
		}
		// 小刘, 老王
		if (afterSurname < 0 && (t.charAt(i) == '小' || t.charAt(i) == '老') && i + 1 < t.length()
				&& this.surnames.contains(t.charAt(i + 1)) && NOT_FAMILIAR.indexOf(t.charAt(i + 1)) < 0
				&& boundaryAfter(t, i + 2) && (i + 2 >= t.length() || !OrgNames.isHan(t.charAt(i + 2))
						|| "说想问在要让".indexOf(t.charAt(i + 2)) >= 0)) {
			return t.substring(i, i + 2);
		}
		if (afterSurname < 0) {
			return null;
		}
		for (String h : this.honorifics) {
			if (t.startsWith(h, afterSurname) && boundaryAfter(t, afterSurname + h.length())) {
				return t.substring(i, afterSurname + h.length());
			}
		}
		for (String title : this.titles) {
			if (OrgNames.isHan(title.charAt(0)) && t.startsWith(title, afterSurname)
					&& boundaryAfter(t, afterSurname + title.length())) {
				return t.substring(i, afterSurname + title.length());
			}
		}
		return null;
	}

	private boolean boundaryAfter(String t, int i) {
		if (i >= t.length()) {
			return true;
		}
		char c = t.charAt(i);
		if (!OrgNames.isHan(c)) {
			return true;
		}
		return AFTER_NAME.indexOf(c) >= 0;
	}

	/** A name that starts at i with a surname: surname + one or two given characters. */
	private String fullNameAt(String t, int i) {
		if (i >= t.length()) {
			return null;
		}
		String minority = minorityNameAt(t, i);
		if (minority != null) {
			return minority;
		}
		int p = -1;
		for (String cs : this.compoundSurnames) {
			if (t.startsWith(cs, i)) {
				p = i + cs.length();
				break;
			}
		}
		if (p < 0) {
			if (!this.surnames.contains(t.charAt(i))) {
				return null;
			}
			p = i + 1;
		}
		int given = 0;
		while (p < t.length() && given < 2) {
			char c = t.charAt(p);
			if (!OrgNames.isHan(c) || AFTER_NAME.indexOf(c) >= 0 || titleStartsAt(t, p)) {
				break;
			}
			p++;
			given++;
		}
		if (given == 0) {
			return null;
		}
		String name = t.substring(i, p);
		if (isPrefixWord(name) || name.endsWith("公司") || isCommonWord(name)) {
			return null;
		}
		return name;
	}

	/** 阿依古丽, 买买提江, 次仁卓玛: name parts without a surname, ending where a name ends. */
	private String minorityNameAt(String t, int i) {
		int p = i;
		boolean found = true;
		while (found) {
			found = false;
			for (String part : this.minorityParts) {
				if (t.startsWith(part, p)) {
					p += part.length();
					found = true;
					break;
				}
			}
		}
		if (p == i) {
			return null;
		}
		for (String suffix : this.minoritySuffixes) {
			if (t.startsWith(suffix, p) && boundaryAfter(t, p + suffix.length())) {
				p += suffix.length();
				break;
			}
		}
		return boundaryAfter(t, p) ? t.substring(i, p) : null;
	}

	private String nameAt(String t, int p, boolean allowAddress) {
		String address = allowAddress ? addressAt(t, p) : null;
		if (address != null) {
			return address;
		}
		String name = fullNameAt(t, p);
		if (name == null) {
			return null;
		}
		int after = p + name.length();
		if (after < t.length() && OrgNames.isHan(t.charAt(after)) && AFTER_NAME.indexOf(t.charAt(after)) < 0) {
			return null;
		}
		return name;
	}

	private boolean titleStartsAt(String t, int p) {
		for (String title : this.titles) {
			if (OrgNames.isHan(title.charAt(0)) && t.startsWith(title, p)) {
				return true;
			}
		}
		for (String h : this.honorifics) {
			if (h.length() >= 2 && t.startsWith(h, p)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @return whether the words hold a job title or a form of address (负责人, 王总)
	 */
	boolean containsTitle(String words) {
		for (String title : this.titles) {
			if (words.contains(title)) {
				return true;
			}
		}
		for (String h : this.honorifics) {
			if (h.length() >= 2 && words.contains(h)) {
				return true;
			}
		}
		return false;
	}

	private boolean endsWithTitle(String token) {
		for (String title : this.titles) {
			if (token.endsWith(title)) {
				return true;
			}
		}
		return false;
	}

	/** 采购, 采购部, 信息中心, IT, 设备科: function words and departments. */
	private boolean isTitlePrefix(String tail) {
		if (tail.matches("[A-Za-z]{2,5}")) {
			return true;
		}
		String rest = tail;
		boolean stripped = true;
		while (stripped && !rest.isEmpty()) {
			stripped = false;
			for (String w : this.prefixes) {
				if (rest.startsWith(w)) {
					rest = rest.substring(w.length());
					stripped = true;
					break;
				}
			}
		}
		return rest.isEmpty() || rest.matches("[\\p{IsHan}A-Za-z]{0,4}(部|科|处|室|中心|组|部门)");
	}

	private boolean isPrefixWord(String s) {
		for (String w : this.prefixes) {
			if (w.length() >= 2 && s.startsWith(w)) {
				return true;
			}
		}
		return false;
	}

	private static final Set<String> COMMON = Set.of("银行", "项目", "信息", "系统", "方案", "数据", "安全", "时间", "明年", "今年", "价格",
			"成本", "平台", "功能", "服务", "产品", "公司", "合同", "资料", "问题", "华为", "全国", "全部", "全市", "高端", "高新", "金额", "金融", "万元",
			"金牌", "能不能", "和我", "和你", "和他", "商量", "安排", "管理");

	private static boolean isCommonWord(String name) {
		return COMMON.contains(name) || COMMON.contains(name.substring(0, Math.min(2, name.length())));
	}

	private static boolean boundaryBefore(String t, int i) {
		if (i <= 0) {
			return true;
		}
		char c = t.charAt(i - 1);
		return BOUNDARY.indexOf(c) >= 0 || DEPT_END.indexOf(c) >= 0 || !OrgNames.isHan(c);
	}

	/** The title (with its department) that starts at p, or null. */
	private TitleAt titleAt(String t, int p) {
		List<TitleAt> found = titles(t.substring(p), -1);
		if (!found.isEmpty() && found.get(0).prefixStart() == 0) {
			TitleAt at = found.get(0);
			return new TitleAt(p + at.start(), p + at.end(), p);
		}
		return null;
	}

	/**
	 * Titles in the text, left to right, adjacent ones merged (总经理助理), with their prefix.
	 */
	List<TitleAt> titles(String t, int orgEnd) {
		List<int[]> spans = new ArrayList<>();
		String upper = t.toUpperCase(Locale.ROOT);
		int i = 0;
		while (i < t.length()) {
			String hit = null;
			List<String[]> candidates = (i < upper.length()) ? this.titlesByFirstUpper.get(upper.charAt(i)) : null;
			for (String[] pair : (candidates != null) ? candidates : List.<String[]>of()) {
				String title = pair[0];
				if (upper.startsWith(pair[1], i)) {
					boolean latin = !OrgNames.isHan(title.charAt(0));
					if (latin && ((i > 0 && Character.isLetter(t.charAt(i - 1)) && t.charAt(i - 1) < 128)
							|| (i + title.length() < t.length() && Character.isLetter(t.charAt(i + title.length()))
									&& t.charAt(i + title.length()) < 128))) {
						continue;
					}
					hit = title;
					break;
				}
			}
			if (hit == null) {
				i++;
				continue;
			}
			if (!spans.isEmpty() && spans.get(spans.size() - 1)[1] == i) {
				spans.get(spans.size() - 1)[1] = i + hit.length();
			}
			else {
				spans.add(new int[] { i, i + hit.length() });
			}
			i += hit.length();
		}
		List<TitleAt> out = new ArrayList<>();
		for (int[] span : spans) {
			out.add(new TitleAt(span[0], span[1], prefixStart(t, span[0], orgEnd)));
		}
		return out;
	}

	private static final String PREFIX_STOP = " \t\n，。、；：:;,.!?！？“”\"'()（）—-的是了我你他她人们和跟与叫说让给找见在为由位个名及、兼";

	private int prefixStart(String t, int s, int orgEnd) {
		int p = s;
		while (p > 0 && s - p < 6 && p != orgEnd && PREFIX_STOP.indexOf(t.charAt(p - 1)) < 0) {
			p--;
		}
		if (p == s) {
			return s;
		}
		for (int k = p; k < s; k++) {
			if (isTitlePrefix(t.substring(k, s))) {
				return k;
			}
		}
		return s;
	}

}
