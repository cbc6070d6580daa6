#!/usr/bin/env node
// Builds libs/identity/data/common-passwords.txt, the list PASSWORD_REJECT_COMMON checks.
//
// Sources (no network needed; the result is committed, so this only reruns by hand):
//  1. Openwall's password.lst (Solar Designer, 1996-2011, public domain; 3,546 entries from
//     Unix systems and the big 2006-2010 website leaks). Debian ships it in `john-data`:
//       apt-get download john-data && dpkg-deb -x john-data_*.deb x
//       node libs/identity/scripts/build-common-passwords.mjs x/usr/share/john/password.lst
//  2. The patterns that dominate every published top-N list since (RockYou, LinkedIn, Adobe,
//     CSDN/Tianya 2011, Have I Been Pwned's top lists): words + digits/years/symbols,
//     keyboard walks, repeated and sequential digits, dates, and the Chinese favourites
//     (pinyin words and surnames, 5201314-style numbers, qq/aa prefixes).
// Entries are lower-cased: the check lower-cases the candidate, so "Password1" is caught too.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = new Set();
const add = (p) => {
  const v = p.trim().toLowerCase();
  if (v.length >= 4 && v.length <= 64 && !v.includes('\n')) out.add(v);
};

const openwall = process.argv[2];
if (openwall) {
  for (const line of readFileSync(openwall, 'latin1').split('\n')) if (!line.startsWith('#!comment')) add(line);
}

const words = `password passw0rd p@ssword p@ssw0rd pass pass123 iloveyou princess dragon monkey sunshine football baseball
basketball soccer hockey welcome admin administrator root toor letmein master shadow superman batman spiderman trustno1
qwerty login changeme hello freedom whatever michael jennifer charlie jordan hunter buster harley ranger thomas robert daniel
starwars computer internet secret summer winter spring autumn love lovely angel enclave company office default guest user
test testing temp temporary abc abcd abcdef abcdefg access flower purple orange banana apple cheese chocolate cookie pepper
ginger tigger mickey minnie snoopy pokemon naruto killer matrix ninja samurai pirate cowboy rockstar rocknroll metallica
liverpool chelsea arsenal barcelona realmadrid juventus manchester united yankees lakers cowboys steelers eagles dolphins
jesus christ god angel blessed faith heaven grace family friends forever mother father sister brother mommy daddy baby
babygirl sweety sweetheart honey cutie lover sexy hottie beautiful pretty love123 iloveu loveme fuckyou fuckoff asshole
whatever nothing something anything secret123 letmein1 welcome1 qwerty1 monkey1 dragon1 shadow1 master1 google facebook
youtube twitter linkedin yahoo hotmail gmail microsoft windows linux ubuntu apple iphone samsung android nokia huawei xiaomi
oracle mysql postgres server network security system manager support service company123 business money dollar gold silver
diamond crystal ruby emerald flower sunflower rose lily daisy butterfly dolphin tiger lion eagle falcon wolf bear panda
kitten puppy doggy kitty princess1 prince king queen knight warrior legend hero zombie ghost demon devil angel1 london paris
berlin tokyo beijing shanghai newyork chicago boston america canada mexico china japan korea india russia germany france
spain italy england australia dubai summer2024 winter2024 spring2024 autumn2024 january february march april may june july
august september october november december monday tuesday wednesday friday saturday sunday`.split(/\s+/);

const suffixes = ['', '1', '12', '123', '1234', '12345', '123456', '!', '1!', '12!', '123!', '!@#', '@123', '#1', '01', '007',
  '11', '13', '22', '23', '69', '77', '88', '99', '100', '111', '666', '777', '888', '999', '520', '1314', '2000', '2001'];
for (let y = 1970; y <= 2030; y++) suffixes.push(String(y), `@${y}`, `${y}!`);
for (const w of words) for (const s of suffixes) add(w + s);

// Keyboard walks (US layout), with and without digits/symbols.
const walks = `qwerty qwertyu qwertyui qwertyuio qwertyuiop asdf asdfg asdfgh asdfghj asdfghjk asdfghjkl zxcv zxcvb zxcvbn zxcvbnm
qazwsx qazwsxedc qazwsxedcrfv 1qaz2wsx 1qaz2wsx3edc 1qaz2wsx3edc4rfv !qaz@wsx !qaz2wsx zaq12wsx zaq1xsw2 xsw2zaq1 1q2w3e 1q2w3e4r
1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 qwe123 qwe123456 123qwe 123qweasd 123qweasdzxc qweasd qweasdzxc qweasdzxc123
asdqwe123 1234qwer qwer1234 asdf1234 zxcvbnm123 qwertyuiop123 poiuytrewq lkjhgfdsa mnbvcxz qwaszx 147258 147258369 159357
159753 741852963 963852741 789456123 123654789 147852369 258369 qwertz qwertz123 azerty azerty123 azertyuiop`.split(/\s+/);
for (const w of walks) for (const s of ['', '1', '!', '123', '.', '@']) add(w + s);

// Chinese favourites: pinyin phrases and surnames, "I love you" numbers, qq/aa prefixes.
const pinyin = `woaini woaini1314 woaini520 woaiwojia woaiwoma woaimama woaibaba woainima iloveyou1314 wodemima mima mima123
aini1314 aini520 nihao nihao123 zhongguo zhonghua beijing shanghai guangzhou shenzhen tianjin chongqing wuhan nanjing hangzhou
xiaoming xiaohong xiaoqiang xiaolong xiaobao baobao baobei baobei520 laopo laogong laopo520 laogong520 qinaide xingfu kuaile
kaixin meimei gege jiejie didi mama baba tiantian xiaoxiao yangyang lele huanhuan shuai shuaige meinv dashuaige jiayou
fendou mengxiang weilai qingchun yongyuan yiqi yisheng yishi wangyi qqqqqq qq123 qq123456 qq520 qq1314 aa123 aa123456 aa1234
aaa123 a123456 a123456789 a12345678 a1234567 a12345 a1b2c3 a1b2c3d4 abc123456 abc12345 123456a 123456aa 123456abc 123abc
wang123 li123 zhang123 admin888 admin123 admin1234 admin@123 root123 sa123 test123 woshishui nishishui huawei123 tencent
alibaba taobao baidu sina sohu 163.com qq.com`.split(/\s+/);
const loveNumbers = ['520', '1314', '5201314', '1314520', '520520', '521', '1314521', '888', '666', '168'];
for (const p of pinyin) for (const s of [...suffixes, ...loveNumbers]) add(p + s);
const surnames = `wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song tang han
feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng wei su lu ding ren shen yao jin fan fu`.split(/\s+/);
for (const s of surnames) {
  for (const suffix of ['123', '1234', '12345', '123456', '888', '666', '520', '1314', '5201314', '0000', '1111', '2008', '2010']) add(s + suffix);
}
for (const n of `5201314 1314520 520520 5201314520 52013140 201314 1314521 5211314 521521 1314 131452 0000 00000000 88888888
666666 66666666 168168 168168168 518518 888888 8888888 12345678 123456789 1234567890 0123456789 987654321 9876543210 147258369
123123 123123123 112233 11223344 121212 123321 654321 7758521 7758258 584520 1314woaini woaini5201314 456456 789789 159159
110110 119119 520123 123520`.split(/\s+/)) add(n);

// Repeated and sequential digits, repeated letters.
for (let d = 0; d <= 9; d++) for (let len = 4; len <= 16; len++) add(String(d).repeat(len));
for (let len = 4; len <= 16; len++) {
  add('12345678901234567890'.slice(0, len));
  add('01234567890123456789'.slice(0, len));
  add('98765432109876543210'.slice(0, len));
  add('abcdefghijklmnopqrstuvwxyz'.slice(0, len));
}
for (const c of 'abcdefghijklmnopqrstuvwxyz') for (let len = 4; len <= 12; len++) add(c.repeat(len));
for (const pair of ['12', '123', '1234', 'abc', 'ab', 'qwe', 'asd', 'zxc', 'aa', 'qq', 'xx', '11', '88', '69']) {
  for (let times = 2; times <= 6; times++) add(pair.repeat(times));
}

// Dates people use as passwords: yyyymmdd, ddmmyyyy, mmddyyyy for the birth years that dominate leaks.
const pad = (n) => String(n).padStart(2, '0');
for (let y = 1960; y <= 2010; y++) {
  add(`${y}${y}`);
  for (let m = 1; m <= 12; m++) {
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    for (let d = 1; d <= days; d++) {
      add(`${y}${pad(m)}${pad(d)}`);
      add(`${pad(d)}${pad(m)}${y}`);
      add(`${pad(m)}${pad(d)}${y}`);
    }
  }
}

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'common-passwords.txt');
const header = [
  '# Common and breached passwords, lower-cased, one per line. Generated by',
  '# libs/identity/scripts/build-common-passwords.mjs from Openwall password.lst (public domain)',
  '# plus common leak patterns; see the script for sources. Lines starting with # are ignored.',
];
writeFileSync(target, [...header, ...out].join('\n') + '\n');
process.stdout.write(`wrote ${out.size} entries to ${target}\n`);
