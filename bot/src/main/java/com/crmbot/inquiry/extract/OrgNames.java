package com.crmbot.inquiry.extract;

import com.crmbot.text.WordLists;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.text.Gazetteer;
import com.crmbot.text.Lexicon;

/**
 * Finds the customer's organisation in a text: a name that ends with an organisation word
 * (有限公司, 集团, 学校, 医院, 银行, 超市, 管理局...), or a brand introduced as such (叫柳味坊, 品牌好邻家便利).
 */
@Lexicon("organisation name parts")
final class OrgNames {

	/** The organisation named in a text: [start, end). */
	record Org(int start, int end, String name) {
	}

	private record Suffix(String word, String kind) {
	}

	/** Words after which a name starts (拜访了|南京启明外国语学校). */
	private static final String STRONG_CUTS = "的是了叫见问说";

	private static final List<String> LEADING_WORDS = List.of("今天", "昨天", "刚刚", "刚才", "刚和", "刚跟", "已经", "和", "跟", "与",
			"在", "给", "去", "到", "从", "向", "找", "对", "帮", "替", "刚", "客户", "这边", "那边", "来自");

	/** A candidate containing one of these is not the customer's organisation's name. */
	private static final List<String> REJECT = List.of("一家", "一个", "几家", "这家", "那家", "我们", "你们", "他们", "咱们", "我司", "贵司",
			"本公司", "隔壁", "同行", "其他", "其它", "另一家", "多家", "各家", "某", "哪家", "这个", "那个");

	/** Words that do not make a name distinctive (连锁超市 alone is not a name). */
	private static final List<String> GENERIC = List.of("连锁", "国际", "中国", "全国", "本地", "当地", "小型", "大型", "社区", "便利",
			"生鲜", "综合", "私人", "民营", "国营", "软件", "科技", "网络", "信息", "技术", "物流", "贸易", "电子", "商贸", "实业", "发展", "投资", "管理",
			"服务", "咨询", "文化", "传媒", "医疗", "教育", "餐饮", "建筑", "工程", "机械", "制造", "物业", "地产", "保险", "证券", "食品", "药业", "能源",
			"电商", "外贸", "装修", "设计", "广告", "培训", "旅游", "运输", "快递", "新能源", "互联网", "人力资源", "供应链", "农业", "养殖", "销售", "生产",
			"加工", "做", "创业", "初创", "私营", "外资", "合资", "国有", "上市", "小微", "个体");

	/** 厦门大学|附属第一|医院: an affiliated body keeps the parent's name. */
	private static final Pattern AFFILIATED = Pattern.compile("(?:附属|直属|下属)?(?:第?[一二三四五六七八九十0-9]+)?(?:人民|中心|实验|附属)?");

	/** Departments named "…中心" inside an organisation (信息中心, 研发中心): not a name. */
	private static final List<String> DEPARTMENTS = List.of("研发", "实训", "数据", "运营", "客服", "调度", "采购", "财务", "检测", "营销",
			"创新", "计算", "网络", "安全", "行政", "后勤", "保障", "质控", "指挥", "监控", "呼叫", "结算", "配送", "分拣", "物流", "体验", "展示", "售后",
			"维修", "能源", "管控", "装备", "档案");

	/** 我，叫高远: a person's name, not a brand. */
	private static final List<String> PERSON_WORDS = List.of("我", "他", "她", "人", "姓");

	/** 12家分店, 几家门店: a count, not a name. */
	private static final Pattern COUNTED = Pattern.compile("[0-9一二两三四五六七八九十几多]+[家个所间座]");

	private static final Pattern BRAND = Pattern.compile(
			"(?:[，,。店厅社馆坊]\\s*(?:名字)?叫|品牌(?:叫|是|名)?|店名(?:叫|是)?|字号(?:叫|是)?)[:：]?\\s*([\\p{IsHan}A-Za-z0-9]{2,10}?)(?=[，。,；;！!？?\\s的、]|$)");

	private static final Pattern LATIN = Pattern.compile(
			"\\b([A-Z][A-Za-z0-9&'.-]*(?:\\s+[A-Z][A-Za-z0-9&'.-]*){0,5}\\s*(?:Co\\.,?\\s*Ltd\\.?|Co\\.\\s*Limited|Ltd\\.?|Limited|Inc\\.?|Corp\\.?|Corporation|LLC|Group|GmbH))");

	private final List<Suffix> suffixes = new ArrayList<>();

	private final Gazetteer gazetteer;

	private final java.util.function.Predicate<String> titleLike;

	OrgNames(Gazetteer gazetteer, java.util.function.Predicate<String> titleLike) {
		this.gazetteer = gazetteer;
		this.titleLike = titleLike;
		for (String line : WordLists.lines("org-suffixes.txt")) {
			int colon = line.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String kind = line.substring(0, colon).strip();
			for (String word : WordLists.words(List.of(line.substring(colon + 1)))) {
				this.suffixes.add(new Suffix(word, kind));
			}
		}
		this.suffixes.sort(Comparator.comparingInt((Suffix s) -> s.word().length()).reversed());
	}

	/**
	 * @return the customer's organisation, or null
	 */
	Org find(String t) {
		if (t == null || t.isEmpty()) {
			return null;
		}
		List<Integer> oneOfMany = new ArrayList<>();
		for (int i = 0; i < t.length(); i++) {
			Suffix suffix = suffixAt(t, i);
			if (suffix == null) {
				continue;
			}
			int end = i + suffix.word().length();
			if (end < t.length() && t.charAt(end) == '长') {
				continue;
			}
			Org org = candidate(t, i, end, suffix);
			if (org != null) {
				return org;
			}
			if (containsAny(t.substring(Math.max(0, i - 10), i), List.of("一家", "一个"))) {
				oneOfMany.add(end);
			}
			i = end - 1;
		}
		for (int end : oneOfMany) {
			Org named = nameAfter(t, end);
			if (named != null) {
				return named;
			}
		}
		Matcher latin = LATIN.matcher(t);
		if (latin.find()) {
			return new Org(latin.start(1), latin.end(1), latin.group(1).strip());
		}
		Matcher brand = BRAND.matcher(t);
		while (brand.find()) {
			String name = brand.group(1);
			String before = t.substring(Math.max(0, brand.start() - 6), brand.start() + 1);
			boolean aboutPerson = containsAny(before, PERSON_WORDS) || this.titleLike.test(before);
			if (!containsAny(name, REJECT) && !aboutPerson) {
				return new Org(brand.start(1), brand.end(1), name);
			}
		}
		return null;
	}

	/** 一家补习社智学坊的 → 智学坊. */
	private Org nameAfter(String t, int at) {
		int end = at;
		while (end < t.length() && isHan(t.charAt(end)) && t.charAt(end) != '的' && end - at < 8) {
			end++;
		}
		if (end - at < 2 || end - at > 6) {
			return null;
		}
		if (end < t.length() && t.charAt(end) != '的' && Character.isLetterOrDigit(t.charAt(end))) {
			return null;
		}
		if (end == t.length() || t.charAt(end) == '的' || !Character.isLetterOrDigit(t.charAt(end))) {
			String name = t.substring(at, end);
			if (name.contains("的") || this.titleLike.test(name)) {
				return null;
			}
			return new Org(at, end, name);
		}
		return null;
	}

	private Suffix suffixAt(String t, int i) {
		for (Suffix s : this.suffixes) {
			if (t.startsWith(s.word(), i)) {
				return s;
			}
		}
		return null;
	}

	private Org candidate(String t, int suffixStart, int suffixEnd, Suffix suffix) {
		int end = extend(t, suffixEnd, suffix);
		int start = suffixStart;
		while (start > 0 && isNameChar(t.charAt(start - 1))) {
			start--;
		}
		String body = t.substring(start, suffixStart);
		int cut = -1;
		for (int k = body.length() - 1; k >= 0; k--) {
			if (STRONG_CUTS.indexOf(body.charAt(k)) >= 0) {
				cut = k;
				break;
			}
		}
		if (cut >= 0) {
			start += cut + 1;
			body = body.substring(cut + 1);
		}
		if (containsAny(body, REJECT) || COUNTED.matcher(body).find()) {
			return null;
		}
		List<Gazetteer.Place> places = this.gazetteer.places(body);
		if (!places.isEmpty()) {
			start += places.get(0).start();
			body = body.substring(places.get(0).start());
		}
		else {
			boolean stripped = true;
			while (stripped) {
				stripped = false;
				for (String w : LEADING_WORDS) {
					if (body.startsWith(w) && body.length() > w.length()) {
						body = body.substring(w.length());
						start += w.length();
						stripped = true;
					}
				}
			}
		}
		if (body.isEmpty()) {
			return null;
		}
		String residual = body;
		for (Gazetteer.Place p : this.gazetteer.places(body)) {
			residual = residual.replace(p.name(), "");
		}
		for (String g : GENERIC) {
			residual = residual.replace(g, "");
		}
		residual = residual.replaceAll("[省市区县镇乡村]", "");
		switch (suffix.kind()) {
			case "public" -> {
				if (suffix.word().equals("中心") || suffix.word().equals("服务中心")) {
					String distinctive = residual;
					for (String d : DEPARTMENTS) {
						distinctive = distinctive.replace(d, "");
					}
					if (places.isEmpty() && distinctive.length() < 2) {
						return null;
					}
				}
				else if (body.length() < 2) {
					return null;
				}
			}
			default -> {
				boolean formal = suffix.kind().equals("legal")
						&& (suffix.word().contains("有限") || suffix.word().contains("股份"));
				if ((formal && !places.isEmpty()) || end > suffixEnd) {
					break;
				}
				if (residual.codePoints().filter(cp -> isHan((char) cp)).count() < 2
						&& residual.replaceAll("[^A-Za-z]", "").length() < 2) {
					return null;
				}
			}
		}
		return new Org(start, end, t.substring(start, end));
	}

	/** 超市|有限公司, 证券|浦东营业部, 教育局|装备中心: the name goes on to a later suffix. */
	private int extend(String t, int end, Suffix first) {
		int current = end;
		String kind = first.kind();
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int j = current; j < t.length() && j <= current + 8; j++) {
				char c = t.charAt(j);
				if (!isNameChar(c) || STRONG_CUTS.indexOf(c) >= 0 || "我你他她想要在和".indexOf(c) >= 0) {
					break;
				}
				Suffix s = suffixAt(t, j);
				if (s == null) {
					continue;
				}
				boolean legal = s.kind().equals("legal") && !s.word().equals("集团")
						|| s.word().equals("集团") && j == current;
				boolean branch = s.kind().equals("branch")
						&& (!(s.word().equals("装备中心") || s.word().equals("办公室")) || kind.equals("public"));
				if (legal || branch) {
					int newEnd = j + s.word().length();
					if (newEnd < t.length() && t.charAt(newEnd) == '长') {
						break;
					}
					current = newEnd;
					kind = s.kind();
					changed = true;
					break;
				}
				String between = t.substring(current, j);
				if ((s.kind().equals("public") || s.kind().equals("trade")) && AFFILIATED.matcher(between).matches()) {
					current = j + s.word().length();
					kind = s.kind();
					changed = true;
					break;
				}
				if (s.kind().equals("public") || s.kind().equals("trade")) {
					j += s.word().length() - 1;
				}
			}
		}
		return current;
	}

	static boolean isNameChar(char c) {
		return isHan(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '·'
				|| c == '&';
	}

	static boolean isHan(char c) {
		return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
	}

	private static boolean containsAny(String s, List<String> words) {
		for (String w : words) {
			if (s.contains(w)) {
				return true;
			}
		}
		return false;
	}

}
