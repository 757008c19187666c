"""English for the 今日 page's texts (merged into ``fill_en.EN``)."""

EN = {
    "任务逾期": "Task overdue",
    "今日任务": "Task due today",
    "待跟进": "Follow-up due",
    "生日": "Birthday",
    "会员周年": "Anniversary",
    "流失预警": "Churn risk",
    "复购提醒": "Replenishment",
    "未进社群": "Not in group",
    "新客问候": "Greet new customer",
    "新接手": "Newly handed over",
    "类型": "Type",
    "客户/任务": "Customer / task",
    "原因": "Reason",
    "打开 (Enter)": "Open (Enter)",
    "完成 (D)": "Done (D)",
    "稍后 (S)": "Snooze (S)",
    "不适用 (N)": "Not applicable (N)",
    "↑↓ 选择，Enter 打开客户并选好话术，D 完成，S 稍后提醒，N 不适用": (
        "↑↓ choose, Enter opens the customer with a script chosen, D done, S snooze, "
        "N not applicable"
    ),
    "今日读取失败：{0}": "Could not read Today: {0}",
    "正在整理今日待办…": "Preparing today's list…",
    "今天没有要联系的客户，做得好！": "Nobody to contact today. Well done!",
    "今日待办 {0} 项，按紧急程度排列": "{0} to do today, most urgent first",
    "标记失败：{0}": "Could not mark it: {0}",
    "稍后处理": "Snooze",
    "到这一天再提醒：": "Remind me again on:",
    "打开今日事项（选好话术）": "Open the Today entry (script chosen)",
    "今日事项：完成": "Today entry: done",
    "今日事项：稍后提醒": "Today entry: snooze",
    "今日事项：不适用": "Today entry: not applicable",
}
