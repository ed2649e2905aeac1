import { addTranslations } from '../../../app/i18n.ts';

/** What the player and reader say of the study hours being counted (StudyStatus.tsx). */
const zh = {
  studyStatus: {
    active: '正在计学时',
    paused: '已暂停计时（页面不在前台或视频暂停）',
    takenOver: '您已在其他设备上继续学习，本设备不再计时',
    refused: '本课件不计学时',
    today: '今日本课已计 {{minutes}} 分钟',
    resume: '在本设备继续学习',
    itemCap: '本课今日学时已计满（每课每日上限），明天可继续计时',
    readingCap: '本课今日学时已计满（按阅读时长的上限）',
    dailyCap: '今日网络学习学时已达上限',
    warmingUp: '阅读满 30 秒后开始计学时',
  },
};

const en: typeof zh = {
  studyStatus: {
    active: 'Counting study time',
    paused: 'Paused (page not in front, or the video paused)',
    takenOver: 'You continued on another device; this one no longer counts',
    refused: 'This course does not count towards study hours',
    today: '{{minutes}} min credited for this course today',
    resume: 'Continue on this device',
    itemCap: 'This course’s study time for today is full (its daily cap); it counts again tomorrow',
    readingCap: 'This course’s study time for today is full (its reading time’s cap)',
    dailyCap: 'Today’s online study time is at its daily cap',
    warmingUp: 'Study time counts once you have read for 30 seconds',
  },
};

addTranslations({ 'zh-CN': zh, en });
