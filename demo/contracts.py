# ruff: noqa: E501 (the template texts are paragraphs of a legal document)
"""Demo agreement templates (after the structure of the official model text of
the tripartite internship agreement) and a few agreements in progress."""

from __future__ import annotations

import random

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.access import enterprise_id_of
from contracts import services
from contracts.models import DocumentKind
from internships.models import Placement, Position

AGREEMENT = """{{college_name}}学生岗位实习三方协议

# 第一条 协议各方
甲方（学校）：{{college_name}}
乙方（实习单位）：{{enterprise_name}}，统一社会信用代码：{{enterprise_credit_code}}，所在地：{{enterprise_city}}
丙方（学生）：{{student_name}}，学号：{{student_number}}，专业：{{student_major}}，出生日期：{{student_birth_date}}
依据《职业学校学生实习管理规定》及有关法律法规，甲乙丙三方本着平等自愿、诚实信用的原则，就丙方到乙方实习事宜订立本协议。

# 第二条 实习期限
实习类型：{{internship_kind}}。实习期限自{{starts_on}}起至{{ends_on}}止。

# 第三条 实习岗位与内容
乙方安排丙方在{{position_title}}岗位实习。实习内容应与丙方所学专业相关，符合专业人才培养方案和实习方案的要求。乙方指定{{mentor_name}}为企业指导教师，甲方指定{{supervisor_name}}为学校指导教师。

# 第四条 工作时间与休息休假
丙方每日实习时间不超过{{daily_hours}}小时，每周不超过44小时；夜班安排：{{night_shift}}。乙方不得安排丙方加班和上夜班，特殊情况须经报备的除外。丙方依法享有法定节假日休息的权利。

# 第五条 实习报酬
乙方按月向丙方支付实习报酬，每月{{monthly_pay}}元，以货币形式足额、按时直接支付给丙方，不得由第三方代为转发，不得以物品代替。岗位实习报酬原则上不低于本单位相同岗位工资标准的80%。

# 第六条 实习责任保险
甲方或乙方为丙方投保实习责任保险，保单号：{{insurance_policy}}，保险期限至{{insurance_expires_on}}，覆盖实习全过程。

# 第七条 安全与劳动保护
乙方应对丙方进行安全生产教育和岗位操作规程培训，提供符合国家标准的劳动保护用品和实习场所，不得安排丙方从事高空、井下、放射性、有毒、易燃易爆以及其他具有较高安全风险的实习。

# 第八条 甲方的权利与义务
甲方负责实习的组织与管理，会同乙方制订实习方案，指派指导教师对丙方进行巡查与指导，及时了解丙方实习情况，处理实习中出现的有关问题。

# 第九条 乙方的权利与义务
乙方应提供与丙方专业对口的实习岗位，配备指导人员，按约定支付报酬，保障丙方的休息休假权利，对丙方的实习表现进行考核评价。乙方不得向丙方收取实习押金、培训费、实习报酬提成等费用，不得扣押丙方的居民身份证等证件。

# 第十条 丙方的权利与义务
丙方应遵守国家法律法规、学校规章制度和乙方的劳动纪律与安全规定，服从实习安排，按时填写实习日志、周记，完成实习任务，保守乙方的商业秘密。丙方享有获得报酬、休息休假和劳动保护的权利。

# 第十一条 协议的变更与解除
实习期限、岗位、工作时间、报酬或指导教师发生变更的，三方应签订补充协议。有下列情形之一的，协议可以解除：丙方因病等原因不能继续实习；乙方违反本协议或有关规定，严重损害丙方权益；三方协商一致。

# 第十二条 争议解决
因本协议发生争议，三方应协商解决；协商不成的，可向甲方所在地有关部门申请调解，或依法向人民法院提起诉讼。

# 第十三条 其他
本协议一式三份，甲乙丙三方各执一份，自三方签署之日起生效。丙方未满18周岁的，应经其监护人签字同意。协议编号：{{agreement_number}}。

# 签署
甲方（盖章）：{{college_name}}
乙方（盖章）：{{enterprise_name}}
丙方（签字）：{{student_name}}
"""

CONSENT = """# 学生岗位实习知情同意书
学生{{student_name}}（学号{{student_number}}，{{student_major}}专业）拟于{{starts_on}}至{{ends_on}}到{{enterprise_name}}参加{{internship_kind}}，实习岗位为{{position_title}}，每日工作{{daily_hours}}小时，月报酬{{monthly_pay}}元。
学校已向学生及其监护人告知实习单位、实习岗位、实习时间、工作时间、报酬、保险及安全管理等情况。学生本人及监护人知悉并同意参加本次实习。

学生签字：{{student_name}}
监护人签字：
日期：{{today}}
"""

CERTIFICATE = """兹证明{{student_name}}同学（学号{{student_number}}，{{student_major}}专业）于{{starts_on}}至{{ends_on}}在{{enterprise_name}}{{position_title}}岗位参加{{internship_kind}}，已按要求完成实习任务。

特此证明。

{{college_name}}
{{today}}
"""

AMENDMENT = """# 实习协议补充协议
经甲方{{college_name}}、乙方{{enterprise_name}}、丙方{{student_name}}协商一致，对原实习协议作如下变更：{{changes}}。
变更后：实习期限自{{starts_on}}至{{ends_on}}；岗位{{position_title}}；每日工作{{daily_hours}}小时；月报酬{{monthly_pay}}元；企业指导教师{{mentor_name}}。
原协议其他条款不变。本补充协议自三方签署之日起生效，编号{{agreement_number}}。
"""

TEMPLATES = [
    (DocumentKind.INTERNSHIP_AGREEMENT, "学生岗位实习三方协议", AGREEMENT),
    (DocumentKind.INFORMED_CONSENT, "学生岗位实习知情同意书", CONSENT),
    (DocumentKind.CERTIFICATE, "实习证明", CERTIFICATE),
    (DocumentKind.AMENDMENT, "实习协议补充协议", AMENDMENT),
]


def seed(rng: random.Random, context: dict) -> dict:
    admin = context["users"]["admin"]
    for kind, title, body in TEMPLATES:
        services.template_create(actor=admin, kind=kind, title=title, body=body, active=True)
    # The liaison's planned follow-post and post placements without paperwork:
    # one agreement waiting for the enterprise (the student signed on paper),
    # the others generated and waiting for the student.
    waiting = Placement.objects.filter(
        enterprise_id=enterprise_id_of(context["users"]["liaison"]),
        status=Placement.Status.PLANNED,
        agreement_signed=False,
    ).exclude(position__kind=Position.Kind.COGNITIVE)
    agreements = []
    for index, placement in enumerate(waiting.order_by("pk")[:3]):
        agreement = services.agreement_create(placement=placement, actor=admin)
        agreement = services.agreement_generate(agreement=agreement, actor=admin)
        if index == 0:
            scan = SimpleUploadedFile("student-signed.pdf", b"%PDF-1.4\n% demo scan\n")
            agreement = services.agreement_upload_paper(
                agreement=agreement, actor=admin, file=scan, party="student"
            )
        agreements.append(agreement)
    return {"internship_agreements": agreements}
