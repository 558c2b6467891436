/**
 * The course page's offline panel in words, English and Korean. They live with the component (not in the
 * dictionaries) because several are functions, which a server component could not hand to a client one.
 */
import type { Locale } from "@/domain/coaching/step-types";

export interface CourseDownloadLabels {
  heading: string;
  /** Shown before a download, e.g. "3.2 MB to download". */
  size: (size: string) => string;
  download: string;
  resume: string;
  cancel: string;
  remove: string;
  /** Accessible name of the progress bar. */
  progress: string;
  progressDetail: (percent: number, fileIndex: number, fileCount: number) => string;
  available: string;
  partial: string;
  notAvailable: string;
  /** Language names in this UI language, for the two below. */
  languages: Record<Locale, string>;
  /** The badge when the download works offline in another language than the page's. */
  availableIn: (language: string) => string;
  /** Under it: what offline would sound like, and what is missing. */
  otherLanguageNote: (offline: string, current: string) => string;
  downloadLanguage: (language: string) => string;
  /** When every file is kept already (only the pages are fetched again, in this language). */
  nothingMore: string;
  errors: {
    insufficientStorage: (needed: string, free: string) => string;
    storageFull: string;
    network: string;
    unsupported: string;
    unknown: string;
  };
}

export const COURSE_DOWNLOAD_LABELS_EN: CourseDownloadLabels = {
  heading: "Offline",
  size: (size) => `${size} to download`,
  download: "Download for offline use",
  resume: "Resume download",
  cancel: "Cancel download",
  remove: "Remove download",
  progress: "Download progress",
  progressDetail: (percent, fileIndex, fileCount) => `${percent} % · file ${fileIndex} of ${fileCount}`,
  available: "Available offline",
  partial: "Download incomplete",
  notAvailable: "Not available offline",
  languages: { en: "English", ko: "Korean" },
  availableIn: (language) => `Available offline in ${language}`,
  otherLanguageNote: (offline, current) => `Offline, the coach speaks ${offline}: the ${current} voice is not on this device.`,
  downloadLanguage: (language) => `Download in ${language}`,
  nothingMore: "Every file is on this device already: only the pages are stored again.",
  errors: {
    insufficientStorage: (needed, free) => `Not enough space on this device: needs ${needed}, only ${free} free.`,
    storageFull: "This device ran out of space while saving the course. Nothing was kept; free some space and try again.",
    network: "The connection dropped during the download. Try again when you are online; finished files are kept.",
    unsupported: "This browser cannot keep courses for offline use.",
    unknown: "The download failed. Try again.",
  },
};

const COURSE_DOWNLOAD_LABELS_KO: CourseDownloadLabels = {
  heading: "오프라인",
  size: (size) => `다운로드 ${size}`,
  download: "오프라인용으로 다운로드",
  resume: "다운로드 이어 받기",
  cancel: "다운로드 취소",
  remove: "다운로드 삭제",
  progress: "다운로드 진행률",
  progressDetail: (percent, fileIndex, fileCount) => `${percent}% · 파일 ${fileCount}개 중 ${fileIndex}번째`,
  available: "오프라인에서 사용 가능",
  partial: "다운로드 미완료",
  notAvailable: "오프라인에서 사용할 수 없음",
  languages: { en: "영어", ko: "한국어" },
  availableIn: (language) => `오프라인에서 ${language}로 사용 가능`,
  otherLanguageNote: (offline, current) => `오프라인에서는 코치가 ${offline}로 안내합니다. ${current} 음성은 이 기기에 없습니다.`,
  downloadLanguage: (language) => `${language}로 다운로드`,
  nothingMore: "모든 파일이 이미 이 기기에 있습니다. 페이지만 다시 저장합니다.",
  errors: {
    insufficientStorage: (needed, free) => `기기 저장 공간이 부족합니다: ${needed} 필요, ${free} 남음.`,
    storageFull: "저장하는 중에 기기 공간이 가득 찼습니다. 아무것도 저장하지 않았으니 공간을 비우고 다시 시도하세요.",
    network: "다운로드 중 연결이 끊겼습니다. 온라인일 때 다시 시도하세요. 받은 파일은 남아 있습니다.",
    unsupported: "이 브라우저는 오프라인용 코스를 저장할 수 없습니다.",
    unknown: "다운로드하지 못했습니다. 다시 시도하세요.",
  },
};

/** Labels by UI language; the functions in them are why the component picks them, not the server. */
export const COURSE_DOWNLOAD_LABELS: Record<Locale, CourseDownloadLabels> = {
  en: COURSE_DOWNLOAD_LABELS_EN,
  ko: COURSE_DOWNLOAD_LABELS_KO,
};
