"""Code tables printed on the cards: sex (GB/T 2261.1-2003) and ethnic group (GB 3304-1991)."""

from __future__ import annotations

SEX: dict[str, str] = {"0": "未知的性别", "1": "男", "2": "女", "9": "未说明的性别"}

# GB 3304-1991《中国各民族名称的罗马字母拼写法和代码》, numeric codes; 97/98 from the
# resident ID card's own use (其他 / 外国血统中国籍人士).
ETHNICITY: dict[str, str] = {
    code: name
    for code, name in zip(
        (f"{i:02d}" for i in range(1, 57)),
        "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
        "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 "
        "德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺".split(),
        strict=True,
    )
}
ETHNICITY = {code: f"{name}族" for code, name in ETHNICITY.items()}
ETHNICITY["97"] = "其他"
ETHNICITY["98"] = "外国血统中国籍人士"


def sex_name(code: str) -> str:
    return SEX.get(code.strip(), f"未知（代码{code.strip()}）" if code.strip() else "")


def ethnicity_name(code: str) -> str:
    code = code.strip()
    return ETHNICITY.get(code.zfill(2) if code.isdigit() else code, f"未知（代码{code}）" if code else "")
