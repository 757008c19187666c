"""English for the personal figures panel, the tray reminders and 设置 → 提醒
(merged into ``fill_en.EN``)."""

EN = {
    # ui/figures_panel.py
    "我的业绩": "My figures",
    "本店业绩": "Store figures",
    "客群资产数": "Reachable customers",
    "本周触达": "Reached this week",
    "本周跟进 完成/到期": "Follow-ups this week, done/due",
    "任务完成率（近30天）": "Tasks done (last 30 days)",
    "本店排名 —": "Store ranking —",
    "本店排名 第 {0} / {1}": "Store ranking: {0} of {1}",
    "客群资产数：有完整手机号或已进社群的客户。排名先比本周触达，再比任务完成率。": (
        "Reachable customers: those with a whole phone number or in the group. "
        "The ranking compares reach this week first, then tasks done."
    ),
    "业绩读取失败：{0}": "Could not read the figures: {0}",
    "导购": "Guide",
    "资产": "Reach",
    "周触达": "Week",
    "跟进": "F-up",
    "完成": "Done",
    "名次 导购（按本店排名排序）": "Place and guide (sorted by the store ranking)",
    # ui/tray.py
    "今日待办": "To do today",
    "今日待办：{0}": "To do today: {0}",
    "{0} 个任务": "{0} tasks",
    "{0} 位客户待跟进": "{0} customers to follow up",
    "，": ", ",
    "、": ", ",
    "{0} 等": "{0} and more",
    "任务即将截止": "Task due soon",
    "“{0}” 将于 {1} 截止": '"{0}" is due at {1}',
    "{0} 个任务 1 小时内截止：{1}": "{0} tasks due within the hour: {1}",
    # ui/settings_dialog.py
    "桌面提醒": "Desktop reminders",
    "启用（任务即将截止、每天定时提醒）": "On (tasks due soon, reminders at set times each day)",
    "提醒时间": "Reminder times",
    "每天这些时间提醒今日待办，多个用逗号分隔，例如 09:30, 14:00": (
        "Today's to-dos are shown at these times each day; separate them with commas, "
        "e.g. 09:30, 14:00"
    ),
}
