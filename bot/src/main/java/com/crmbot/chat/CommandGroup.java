package com.crmbot.chat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.crmbot.text.Lexicon;

/**
 * The tasks {@code /help} groups commands by (客户, 跟进, 任务, 审批, 报表/导出, 管理), and the table
 * of groups and meaning-synonyms for commands whose declaration does not name them.
 */
public enum CommandGroup {

	CUSTOMER, FOLLOWUP, TASK, APPROVAL, REPORT, ADMIN;

	private static final Map<String, CommandGroup> GROUPS = Map.ofEntries(Map.entry("new", CUSTOMER),
			Map.entry("find", CUSTOMER), Map.entry("show", CUSTOMER), Map.entry("set", CUSTOMER),
			Map.entry("tag", CUSTOMER), Map.entry("list", CUSTOMER), Map.entry("stage", CUSTOMER),
			Map.entry("score", CUSTOMER), Map.entry("pool", CUSTOMER), Map.entry("transfer", CUSTOMER),
			Map.entry("delete", CUSTOMER), Map.entry("restore", CUSTOMER), Map.entry("undo", CUSTOMER),
			Map.entry("log", FOLLOWUP), Map.entry("fix", FOLLOWUP), Map.entry("history", FOLLOWUP),
			Map.entry("objections", FOLLOWUP), Map.entry("tpl", FOLLOWUP), Map.entry("task", TASK),
			Map.entry("tasks", TASK), Map.entry("today", TASK), Map.entry("done", TASK), Map.entry("snooze", TASK),
			Map.entry("reschedule", TASK), Map.entry("priority", TASK), Map.entry("reminders", TASK),
			Map.entry("deal", APPROVAL), Map.entry("approvals", APPROVAL), Map.entry("approve", APPROVAL),
			Map.entry("reject", APPROVAL), Map.entry("legal", APPROVAL), Map.entry("export", REPORT),
			Map.entry("audit", REPORT), Map.entry("funnel", REPORT), Map.entry("report", REPORT),
			Map.entry("stats", REPORT), Map.entry("import", ADMIN), Map.entry("config", ADMIN),
			Map.entry("outbox", ADMIN), Map.entry("whoami", ADMIN), Map.entry("help", ADMIN));

	@Lexicon("words people use for a command")
	private static final Map<String, List<String>> SYNONYMS = Map.ofEntries(
			Map.entry("new", List.of("添加客户", "创建", "录入", "建客户", "加客户")),
			Map.entry("find", List.of("搜索", "搜", "查询", "找", "客户信息")), Map.entry("show", List.of("资料", "档案", "信息")),
			Map.entry("set", List.of("填写", "修改字段", "字段")), Map.entry("tag", List.of("打标", "分级", "分类")),
			Map.entry("list", List.of("清单", "名单", "筛选", "所有客户", "沉睡", "未联系")),
			Map.entry("stage", List.of("推进", "进度", "阶段变更", "流程")), Map.entry("score", List.of("打分", "分数", "得分")),
			Map.entry("pool", List.of("重点客户", "优先客户")), Map.entry("transfer", List.of("交接", "离职", "分配", "移交", "换负责人")),
			Map.entry("delete", List.of("删掉", "移除", "作废")), Map.entry("restore", List.of("找回", "还原", "回收站")),
			Map.entry("undo", List.of("撤消", "后悔", "回退", "取消修改")), Map.entry("log", List.of("备注", "写跟进", "拜访记录", "沟通")),
			Map.entry("fix", List.of("改错", "纠正", "识别错", "修改")),
			Map.entry("history", List.of("跟进记录", "所有跟进", "往来", "记录列表")),
			Map.entry("objections", List.of("顾虑", "话术", "异议处理")),
			Map.entry("tpl", List.of("报价单", "合同模板", "模版", "报价模板")),
			Map.entry("task", List.of("提醒我", "待办事项", "安排", "日程")), Map.entry("tasks", List.of("待办", "我的待办", "今天做什么")),
			Map.entry("today", List.of("今日安排", "今天的安排", "日程表")), Map.entry("done", List.of("搞定", "做完", "已完成")),
			Map.entry("snooze", List.of("稍后", "延后", "晚点")), Map.entry("reschedule", List.of("改时间", "延期", "换时间")),
			Map.entry("priority", List.of("紧急", "重要", "加急")), Map.entry("reminders", List.of("漏提醒", "未读提醒", "提醒记录")),
			Map.entry("deal", List.of("签约", "成交额", "签合同", "赢单")), Map.entry("approvals", List.of("审核", "待办审批", "审批单")),
			Map.entry("approve", List.of("通过", "批")), Map.entry("reject", List.of("不同意", "否决", "退回")),
			Map.entry("legal", List.of("法务", "合同审核", "法审")), Map.entry("export", List.of("下载", "导表", "excel", "表格")),
			Map.entry("audit", List.of("日志", "审计记录", "谁导出")), Map.entry("funnel", List.of("漏斗", "转化", "销售漏斗")),
			Map.entry("report", List.of("报表", "周报", "日报", "业绩", "统计")),
			Map.entry("import", List.of("上传", "批量导入", "导入线索")), Map.entry("config", List.of("重载", "配置文件")),
			Map.entry("outbox", List.of("发送失败", "没发出去")), Map.entry("whoami", List.of("身份", "我的权限", "我的角色")),
			Map.entry("help", List.of("菜单", "命令", "怎么用", "用法", "说明")));

	/** The group of a command its declaration does not place (unknown: 管理). */
	public static CommandGroup defaultFor(String name) {
		return GROUPS.getOrDefault(name.toLowerCase(Locale.ROOT), ADMIN);
	}

	/** Meaning-synonyms of a command from the table (empty when none). */
	public static List<String> defaultSynonyms(String name) {
		return SYNONYMS.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
	}

	/** The reply template naming this group ({@code help-group-customer}...). */
	public String labelKey() {
		return "help-group-" + name().toLowerCase(Locale.ROOT);
	}

}
