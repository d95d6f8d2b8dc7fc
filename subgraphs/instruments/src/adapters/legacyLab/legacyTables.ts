/**
 * The legacy-lab source: the tables of an older instrument-sharing system (大型科研仪器共享管理系统),
 * as it defined them — pinyin abbreviations for names, Chinese words for states, values in yuan,
 * the start of use as YYYYMMDD text, lists as delimited text, times in Beijing local time without
 * a zone, and a MyBatis-style version counter starting at 0. The adapter reads these through
 * views and never alters them; only the fixture (`pnpm legacy-fixture`, the tests) creates them.
 */

/** Where the legacy system keeps its tables (仪器共享). */
export const LEGACY_SCHEMA = 'yqgx';

/** The legacy tables, each with the words its columns hold, as the legacy system created them. */
const LEGACY_TABLES_SQL = `
create schema ${LEGACY_SCHEMA};
comment on schema ${LEGACY_SCHEMA} is '大型科研仪器共享管理系统';

create table ${LEGACY_SCHEMA}.t_dw_jbxx (
  dwbh varchar(20) primary key,
  tyshxydm varchar(18),
  sjdjbm varchar(32) unique,
  lrsj timestamp(0) not null default localtimestamp(0)
);
comment on table ${LEGACY_SCHEMA}.t_dw_jbxx is '单位基本信息';
comment on column ${LEGACY_SCHEMA}.t_dw_jbxx.dwbh is '单位编号';
comment on column ${LEGACY_SCHEMA}.t_dw_jbxx.tyshxydm is '统一社会信用代码';
comment on column ${LEGACY_SCHEMA}.t_dw_jbxx.sjdjbm is '省平台对接编码（省级平台登记的单位标识）';
comment on column ${LEGACY_SCHEMA}.t_dw_jbxx.lrsj is '录入时间';

create table ${LEGACY_SCHEMA}.t_pt_jbxx (
  ptbh varchar(20) primary key,
  sjdjbm varchar(32) unique
);
comment on table ${LEGACY_SCHEMA}.t_pt_jbxx is '服务平台基本信息';
comment on column ${LEGACY_SCHEMA}.t_pt_jbxx.ptbh is '平台编号';
comment on column ${LEGACY_SCHEMA}.t_pt_jbxx.sjdjbm is '省平台对接编码';

create table ${LEGACY_SCHEMA}.t_yq_jbxx (
  yqbh varchar(20) primary key,
  sjdjbm varchar(32) unique,
  dwbh varchar(20) not null references ${LEGACY_SCHEMA}.t_dw_jbxx (dwbh),
  dwxz varchar(20),
  ptbh varchar(20) references ${LEGACY_SCHEMA}.t_pt_jbxx (ptbh),
  zcbh varchar(50) not null,
  yqmc varchar(100) not null,
  ywmc varchar(200),
  flbm varchar(6) not null,
  yqly varchar(10) not null,
  sfhgjg varchar(2) not null default '否',
  yz numeric(14, 2) not null,
  zzgb varchar(50) not null,
  sccs varchar(100) not null,
  ggxh varchar(100) not null,
  qyrq varchar(8) not null,
  yqyt varchar(10) not null,
  jszb text not null,
  zygn text not null,
  xkly text,
  cyly text,
  fwnr text,
  gxzd text,
  sfbz text,
  fwwz varchar(500),
  tpdz varchar(500),
  gxms varchar(10) not null,
  zt varchar(10) not null,
  azdd varchar(200),
  lxr varchar(50),
  lxdh varchar(30),
  xzqhdm varchar(10) not null,
  shzt varchar(10) not null default '草稿',
  thyy varchar(500),
  fbsj timestamp(3),
  sfsm varchar(2) not null default '否',
  bbh integer not null default 0,
  cjsj timestamp(3) not null default localtimestamp(3),
  gxsj timestamp(3) not null default localtimestamp(3),
  unique (dwbh, zcbh)
);
create index t_yq_jbxx_dwbh on ${LEGACY_SCHEMA}.t_yq_jbxx (dwbh);
create index t_yq_jbxx_ptbh on ${LEGACY_SCHEMA}.t_yq_jbxx (ptbh);
comment on table ${LEGACY_SCHEMA}.t_yq_jbxx is '仪器基本信息';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.yqbh is '仪器编号';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.sjdjbm is '省平台对接编码（未登记的为空）';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.dwbh is '所属单位编号';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.dwxz is '单位性质：企业/检测机构/高校/科研院所/平台运营机构';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.ptbh is '所在服务平台编号';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.zcbh is '资产编号';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.yqmc is '仪器名称';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.ywmc is '英文名称';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.flbm is '分类编码';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.yqly is '仪器来源：购置/自研/捐赠/其他';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.sfhgjg is '是否海关监管：是/否';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.yz is '原值（元）';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.zzgb is '制造国别';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.sccs is '生产厂商';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.ggxh is '规格型号';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.qyrq is '启用日期（YYYYMMDD）';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.yqyt is '用途：通用/专用';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.jszb is '主要技术指标';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.zygn is '主要功能';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.xkly is '学科领域，以“、”分隔';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.cyly is '服务重点产业，以“；”分隔';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.fwnr is '服务内容';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.gxzd is '共享制度';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.sfbz is '收费标准';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.fwwz is '服务网址';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.tpdz is '仪器图片地址';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.gxms is '共享模式：对外共享/内部共享/不共享';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.zt is '运行状态：正常/待机/远程服务/偶有故障/故障频发/待修/待报废';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.azdd is '安放地址';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.lxr is '联系人';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.lxdh is '联系电话';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.xzqhdm is '所在地区代码';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.shzt is '审核状态：草稿/待审核/已发布/已退回/已停用';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.thyy is '退回原因';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.fbsj is '发布时间（北京时间）';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.sfsm is '是否涉密：是/否';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.bbh is '版本号（乐观锁，自0起）';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.cjsj is '创建时间（北京时间）';
comment on column ${LEGACY_SCHEMA}.t_yq_jbxx.gxsj is '更新时间（北京时间）';
`;

/** The statements that create the legacy tables, one at a time (PGlite takes one per call). */
export const LEGACY_TABLES: readonly string[] = LEGACY_TABLES_SQL.split(/;\n/)
  .map((statement) => statement.trim())
  .filter((statement) => statement !== '');
