"""Korean romanization tables, as data. Vigil's own; sources are named per table.

* Hangul jamo order is Unicode's (U+AC00 + (initial * 21 + medial) * 28 + final).
* ``MR``: McCune-Reischauer without breves or apostrophes, as the UN 1718 list writes DPRK
  names (``RI JE SON``, ``KIM CHOL``, ``CHOE RYONG HAE``); word-initial ㄹ is kept (``Ri``).
* ``RR``: Revised Romanization of Korean (Ministry of Culture, 2000); in the South word-initial
  ㄹ before i/y is silent and otherwise becomes ㄴ (리 → 이 ``I``, 로 → 노 ``No``).
* ``SOUTH_SURNAMES``: the spellings South Koreans use in passports for common surnames
  (``Lee``, ``Park``, ``Choi``), from the National Institute of Korean Language's 2009 survey
  of passport spellings as summarised on Wikipedia ("List of Korean surnames").
* ``HANJA``: the Sino-Korean reading of characters common in Korean given and family names
  (North Korean reading: 李 리, 柳 류, 盧 로), compiled for Vigil from standard dictionaries.
* ``CYRILLIC``: letters to Latin for Korean names written in Cyrillic (Kontsevich system and
  the informal Russian press spellings ``Ким Чен Ын``).
"""

from __future__ import annotations

from typing import Final

INITIALS_MR: Final = (
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th",
    "ph", "h",
)  # fmt: skip
INITIALS_RR: Final = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
    "p", "h",
)  # fmt: skip
MEDIALS_MR: Final = (
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i",
)  # fmt: skip
MEDIALS_RR: Final = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "eu", "ui", "i",
)  # fmt: skip
FINALS: Final = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip

# Surnames written with two syllables; every other surname is the first syllable.
TWO_SYLLABLE_SURNAMES: Final = frozenset({"남궁", "황보", "제갈", "선우", "독고", "서문", "사공"})

# Passport spellings of common surnames in the South (first is the most common).
SOUTH_SURNAMES: Final[dict[str, tuple[str, ...]]] = {
    "김": ("Kim", "Gim"), "리": ("Lee", "Yi", "Rhee", "I"), "이": ("Lee", "Yi", "Rhee", "I"),
    "박": ("Park", "Pak", "Bak"), "최": ("Choi", "Choe"), "정": ("Jung", "Jeong", "Chung"),
    "강": ("Kang", "Gang"), "조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"), "장": ("Jang", "Chang"),
    "림": ("Lim", "Im", "Rim"), "임": ("Lim", "Im"), "한": ("Han",), "오": ("Oh", "O"),
    "서": ("Seo", "Suh"), "신": ("Shin", "Sin"), "권": ("Kwon", "Gwon"), "황": ("Hwang",),
    "안": ("Ahn", "An"), "송": ("Song",), "류": ("Yoo", "Ryu", "Yu"), "유": ("Yoo", "Yu"),
    "홍": ("Hong",), "전": ("Jeon", "Chun", "Jun"), "고": ("Ko", "Go"), "문": ("Moon", "Mun"),
    "양": ("Yang",), "손": ("Son", "Sohn"), "배": ("Bae", "Pae"), "백": ("Baek", "Paik"),
    "허": ("Heo", "Huh"), "로": ("Roh", "Noh", "No"), "노": ("Roh", "Noh", "No"),
    "남": ("Nam",), "심": ("Shim", "Sim"), "하": ("Ha",), "주": ("Joo", "Ju", "Chu"),
    "구": ("Koo", "Ku"), "곽": ("Kwak",), "성": ("Sung", "Seong"), "차": ("Cha",),
    "우": ("Woo", "U"), "민": ("Min",), "진": ("Jin", "Chin"), "지": ("Ji", "Chi"),
    "엄": ("Um", "Eom"), "원": ("Won",), "천": ("Chun", "Cheon"), "방": ("Bang", "Pang"),
    "공": ("Kong", "Gong"), "현": ("Hyun", "Hyeon"), "함": ("Ham",), "변": ("Byun", "Byeon"),
    "렴": ("Yeom", "Ryom"), "염": ("Yeom",), "량": ("Yang", "Ryang"), "려": ("Yeo", "Ryo"),
    "리용": ("Lee Yong",), "태": ("Tae", "Thae"), "명": ("Myung", "Myeong"),
    "석": ("Seok", "Suk"), "선": ("Sun", "Seon"), "설": ("Seol", "Sul"), "길": ("Gil", "Kil"),
    "연": ("Yeon", "Yon"), "표": ("Pyo",), "기": ("Ki", "Gi"), "반": ("Ban",),
    "왕": ("Wang",), "금": ("Keum", "Kum"), "옥": ("Ok",), "육": ("Yook", "Yuk"),
    "인": ("In",), "제": ("Je",), "탁": ("Tak",), "국": ("Kook", "Guk"), "은": ("Eun",),
    "용": ("Yong",), "봉": ("Bong",), "경": ("Kyung", "Kyeong"), "도": ("Do", "To"),
    "소": ("So",), "마": ("Ma",), "위": ("Wi",), "계": ("Kye", "Gye"), "채": ("Chae",),
}  # fmt: skip

# Sino-Korean readings (North Korean: initial ㄹ kept) of common name characters.
HANJA_PAIRS: Final = (
    "金김 李리 朴박 崔최 鄭정 姜강 趙조 尹윤 張장 林림 韓한 吳오 徐서 申신 權권 黃황 "
    "安안 宋송 柳류 劉류 洪홍 全전 高고 文문 梁량 孫손 裵배 白백 許허 盧로 南남 沈심 "
    "河하 朱주 具구 郭곽 成성 車차 禹우 閔민 陳진 池지 嚴엄 元원 千천 方방 孔공 玄현 "
    "咸함 卞변 廉렴 呂려 太태 明명 石석 延연 正정 恩은 日일 一일 哲철 鐵철 喆철 浩호 "
    "虎호 鎬호 龍룡 勇용 永영 英영 榮영 秀수 洙수 男남 植식 善선 仙선 順순 淳순 春춘 "
    "俊준 峻준 星성 國국 光광 廣광 鎭진 鎮진 振진 珍진 東동 學학 鶴학 海해 載재 在재 "
    "才재 濟제 昌창 昶창 萬만 與여 汝여 貞정 淑숙 姬희 熙희 希희 喜희 炳병 秉병 柄병 "
    "相상 尙상 祥상 赫혁 革혁 雄웅 宇우 佑우 祐우 源원 根근 基기 奇기 吉길 京경 敬경 "
    "慶경 景경 鍾종 宗종 鐘종 中중 重중 仲중 泰태 德덕 勳훈 薰훈 興흥 敏민 民민 玟민 "
    "旭욱 煥환 桓환 化화 和화 華화 雪설 主주 周주 柱주 範범 凡범 允윤 潤윤 完완 道도 "
    "斗두 武무 茂무 美미 寶보 輔보 福복 奉봉 鳳봉 富부 思사 山산 錫석 碩석 世세 壽수 "
    "信신 實실 心심 岩암 愛애 燁엽 玉옥 雲운 云운 月월 有유 裕유 銀은 義의 益익 仁인 "
    "寅인 子자 長장 清청 忠충 致치 七칠 澤택 弼필 夏하 漢한 鉉현 賢현 亨형 炯형 弘홍 "
    "孝효 輝휘 烈렬 列렬 蓮련 連련 良량 亮량 玲령 令령 禮례 錄록 祿록 倫륜 律률 立립 "
    "鄕향 香향 向향 雨우 甲갑 "
)
HANJA: Final[dict[str, str]] = {pair[0]: pair[1] for pair in HANJA_PAIRS.split()}

# Cyrillic letters to Latin, for Korean names (Kontsevich and informal press spellings).
CYRILLIC: Final[dict[str, str]] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "p", "х": "h", "ц": "ts", "ч": "ch", "ш": "s", "щ": "s",
    "ъ": "", "ы": "u", "ь": "", "э": "ae", "ю": "yu", "я": "ya", "і": "i", "ў": "u", "є": "ye",
}  # fmt: skip
# Kontsevich ambiguities: one Cyrillic spelling, several Korean readings.
CYRILLIC_ALTERNATIVES: Final[tuple[tuple[str, str], ...]] = (
    ("chj", "j"),  # Kontsevich чж = ㅈ (Чжо = 조 Jo/Cho, Чжан = 장 Jang/Chang)
    ("chzh", "j"),
    ("che", "cho"),  # Чен (informal) = 정 Jong
    ("chh", "ch"),  # Чхве = 최 Choe (Kontsevich aspirate)
    ("ve", "oe"),
    ("yo", "o"),  # ё for ㅓ after ch/j
    ("n", "ng"),  # Kontsevich writes final ㅇ as н (강 = Кан, 영철 = Ёнчоль): n may be ng
)
